// The adapter templates (templates/, standard library only) are real adapters: each passes the
// whole `adapter` profile and the crypto checks of the two ops it implements as examples, and is
// reported partial for crypto (it implements two ops), never conformant.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../conformance/cli.ts';
import type { Report } from '../../schemas/src/report.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'kbz-templates-'));

for (const [name, cmd] of [
  ['python', `/usr/bin/python3 ${join(ROOT, 'templates/python/adapter.py')}`],
  ['javascript', `node ${join(ROOT, 'templates/javascript/adapter.mjs')}`],
] as const) {
  test(`[ADP-01] [ADP-11] [ADP-12] the ${name} template passes the adapter profile and its example ops`, async () => {
    const out = join(tmp, `${name}.json`);
    const code = await main(['--impl', `cmd:${cmd}`, '--profile', 'adapter', '--profile', 'crypto', '--only', 'adapter', '--only', 'room.normalize', '--only', 'certbinding.canonical', '--reporter', `json:${out}`, '--quiet']);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.equal(bad, []);
    assert.equal(Object.fromEntries(report.verdicts!.map((v) => [v.profile, v.verdict])), { adapter: 'conformant', crypto: 'partial' });
    assert.is(code, 1);
  });
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
