// The `adapter` profile can fail: run against fake adapters that break one rule of chapter 10
// each, the check for that rule fails and names the rule. (Templates and kibitz-py pass it: see
// templates.test.ts and the python adapter test.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../conformance/cli.ts';
import type { Report } from '../../schemas/src/report.ts';

const FAKE = new URL('./fixtures/fake-adapter.mjs', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'kbz-adapter-profile-'));

async function adapterProfile(mode: string, only: string[]): Promise<Report> {
  const out = join(tmp, `${mode}.json`);
  await main(['--impl', `cmd:node ${FAKE} ${mode}`, '--profile', 'adapter', ...only.flatMap((o) => ['--only', o]), '--reporter', `json:${out}`, '--quiet', '--timeout', '3000']);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}
const failed = (r: Report) => Object.fromEntries(r.checks.filter((c) => c.outcome === 'fail').map((c) => [c.id, c.failedRequirement]));

test('[ADP-11] [ADP-03] an adapter that runs anything it is sent fails the bad-request and version checks', async () => {
  const r = await adapterProfile('good', ['adapter.request.unknown-cmd', 'adapter.request.bad-run', 'adapter.start.unsupported-version', 'adapter.request.x-members', 'adapter.run.unsupported-op']);
  assert.equal(failed(r), { 'adapter.start.unsupported-version': 'ADP-03', 'adapter.request.unknown-cmd': 'ADP-11', 'adapter.request.bad-run': 'ADP-11' });
  assert.is(r.verdicts?.[0]?.verdict, 'not conformant');
});

test('[ADP-10] an adapter that ignores stop fails adapter.stop.exits', async () => {
  assert.equal(failed(await adapterProfile('stubborn', ['adapter.stop.exits'])), { 'adapter.stop.exits': 'ADP-10' });
});

test('[ADP-01] [ADP-02] a debug line on stdout fails adapter.response.one-per-request', async () => {
  const r = await adapterProfile('stdout-log', ['adapter.response.one-per-request']);
  assert.match(failed(r)['adapter.response.one-per-request'] ?? '', /^ADP-0[12]$/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
