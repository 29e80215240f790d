// Honest verdicts against dishonest or broken adapters: each fake breaks one thing, and the test
// asserts its verdict and exit status through the CLI (in process, with the JSON report).
// None of them may be called conformant; after a crash the run goes on with a restarted adapter.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../conformance/cli.ts';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { allChecks, selectChecks } from '../../conformance/suite.ts';
import { exitCodeOfVerdicts } from '../../conformance/verdict.ts';
import type { Report } from '../../schemas/src/report.ts';

const FAKE = new URL('./fixtures/fake-adapter.mjs', import.meta.url).pathname;
const HANGING = new URL('./fixtures/hanging-module.mjs', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'kbz-dishonest-'));
// The checks the fake adapter answers honestly: room ids, binding nonces, safety codes (84 at 0.2.0).
const SUBSET = ['--profile', 'crypto', '--only', 'room', '--only', 'certbinding', '--only', 'sas.code'];
const N = selectChecks(allChecks(loadRequirements()), ['crypto'], ['room', 'certbinding', 'sas.code']).length;
let n = 0;

async function judge(impl: string, args: string[] = SUBSET): Promise<{ code: number; report: Report }> {
  const out = join(tmp, `r${++n}.json`);
  const code = await main(['--impl', impl, '--timeout', '4000', ...args, '--reporter', `json:${out}`, '--quiet']);
  return { code, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}
const fake = (mode: string, extra = '') => `cmd:node ${FAKE} ${mode}${extra ? ` ${extra}` : ''}`;
const verdicts = (r: Report) => Object.fromEntries((r.verdicts ?? []).map((v) => [v.profile, v.verdict]));
const causes = (r: Report) => (r.rootCauses ?? []).map((c) => c.cause);

test('[ADP-14] [ADP-15] an honest adapter on a subset is partial: exit 1, exit 0 only with --allow-partial', async () => {
  const { code, report } = await judge(fake('good'));
  assert.equal(verdicts(report), { crypto: 'partial' });
  assert.is(report.summary.pass, N);
  assert.is(report.summary.fail + report.summary.errored, 0);
  assert.is(code, 1);
  assert.match(report.verdicts![0]!.line, new RegExp(`^crypto: partial \\(${N} of \\d+ checks ran, \\d+ not selected\\)$`));
  assert.is((await judge(fake('good'), [...SUBSET, '--allow-partial'])).code, 0);
});

test('[ADP-14] an adapter that answers unsupported to everything is not implemented, even with --allow-partial', async () => {
  const { code, report } = await judge(fake('all-unsupported'), [...SUBSET, '--allow-partial']);
  assert.equal(verdicts(report), { crypto: 'not implemented' });
  assert.is(report.summary.unsupported, N);
  assert.is(code, 1);
});

test('[ADP-14] a declared profile whose ops are absent, and a profile never declared, are not implemented', async () => {
  const absent = await judge(fake('declares-absent'), [...SUBSET, '--profile', 'presence', '--only', 'prop.presence.kick-sticks', '--allow-partial']);
  assert.equal(verdicts(absent.report), { crypto: 'partial', presence: 'not implemented' });
  assert.is(absent.code, 1);
  const undeclared = await judge(fake('good'), [...SUBSET, '--profile', 'presence', '--allow-partial']);
  assert.equal(verdicts(undeclared.report), { crypto: 'partial', presence: 'not implemented' });
  assert.match(undeclared.report.verdicts![1]!.line, /does not declare/);
  assert.is(undeclared.code, 1);
});

test('[ADP-17] [ADP-01] stdout noise: one root cause, the stream stays in step, the rest passes', async () => {
  const { code, report } = await judge(fake('stdout-noise'));
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.equal(causes(report), ['adapter wrote non-JSON to stdout (ADP-01)']);
  const errored = report.summary.errored;
  assert.ok(errored >= 15 && errored <= 30, `${errored} errored: about one request in four`);
  assert.is(report.summary.pass + errored, N, 'no check is misread as a wrong answer');
  assert.is(report.summary.fail, 0);
  assert.is(code, 1);
});

test('[ADP-17] [ADP-09] a crash mid-run errors one check; the run continues with a restarted adapter', async () => {
  const marker = join(tmp, 'crashed');
  const { code, report } = await judge(fake('crash-mid-run', marker));
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.is(report.summary.errored, 1);
  assert.is(report.summary.pass, N - 1);
  assert.is(report.run?.restarts, 1);
  assert.match(causes(report)[0]!, /^adapter exited while answering [a-z.]+ \(ADP-09\)$/);
  assert.match(report.checks.find((c) => c.outcome === 'errored')!.message!, /simulated crash mid-run/);
  assert.is(code, 1);
});

test('[ADP-17] [ADP-09] a hanging op costs three timeouts, is quarantined, and the rest of the run goes on', async () => {
  const t0 = Date.now();
  const { code, report } = await judge(fake('hang-op'), [...SUBSET, '--timeout', '700']);
  const ms = Date.now() - t0;
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  const peerIdChecks = report.checks.filter((c) => c.id.startsWith('room.peer-id.'));
  assert.ok(peerIdChecks.length >= 10);
  assert.ok(peerIdChecks.every((c) => c.outcome === 'errored'));
  assert.equal(causes(report), ['no response within 700 ms (ADP-09)']);
  assert.equal(report.run?.quarantined, ['room.peerId']);
  assert.is(report.summary.pass, N - peerIdChecks.length);
  assert.ok(ms < 20_000, `${ms} ms: three timeouts, not one per check`);
  assert.is(code, 1);
});

test('[ADP-17] [ADP-04] wrong seq: every check errored with one root cause, never read as an answer', async () => {
  const { code, report } = await judge(fake('wrong-seq'));
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.is(report.summary.errored, N);
  assert.is(report.summary.pass + report.summary.fail, 0);
  assert.equal(causes(report), ['response seq does not match the request (ADP-04)']);
  assert.ok((report.run?.restarts ?? 0) <= 20);
  assert.is(code, 1);
});

test('[ADP-17] [ADP-02] a duplicated response is matched by seq and discarded, never read as the next answer', async () => {
  const { code, report } = await judge(fake('duplicate'));
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.equal(causes(report), ['adapter answered an earlier request again (late or duplicate response) (ADP-02)']);
  assert.is(report.summary.fail, 0, 'no duplicate was taken for the answer to another check');
  assert.is(code, 1);
});

test('[ADP-13] a huge line is dropped and reported, never buffered whole, and the run goes on', async () => {
  const { code, report } = await judge(fake('huge-line'));
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.equal(causes(report), ['adapter wrote a line longer than 16777216 bytes (ADP-13)']);
  assert.is(report.checks.find((c) => c.id === 'sas.code.table')?.outcome, 'errored');
  assert.is(report.summary.pass, N - 1);
  assert.is(code, 1);
});

test('[ADP-15] a failed start ends the run at once with exit 1', async () => {
  const t0 = Date.now();
  assert.is(await main(['--impl', fake('refuse-version'), '--quiet']), 1);
  assert.is(await main(['--impl', 'cmd:exit 7', '--quiet']), 1);
  assert.ok(Date.now() - t0 < 10_000);
});

test('[ADP-17] module: implementations obey --timeout', async () => {
  const { code, report } = await judge(`module:${HANGING}`, ['--profile', 'crypto', '--only', 'sas.code', '--timeout', '300']);
  assert.equal(verdicts(report), { crypto: 'not conformant' });
  assert.equal(causes(report), ['no response within 300 ms (ADP-09)']);
  assert.is(report.checks.filter((c) => c.outcome === 'errored').length, report.checks.length);
  assert.is(code, 1);
});

test('[ADP-15] --bail, --max-errors and the time budget stop the run; what was not run is never a pass', async () => {
  const bail = await judge(fake('wrong-seq'), [...SUBSET, '--bail']);
  assert.is(bail.report.checks.length, 1);
  assert.is(bail.report.run?.notRun, N - 1);
  assert.match(bail.report.run?.stopped ?? '', /--bail/);
  const max = await judge(fake('wrong-seq'), [...SUBSET, '--max-errors', '5']);
  assert.is(max.report.checks.length, 5);
  assert.match(max.report.run?.stopped ?? '', /--max-errors 5/);
  const budget = await judge(fake('good'), [...SUBSET, '--time-budget', '0.0001', '--allow-partial']);
  assert.ok(budget.report.run!.notRun > 0);
  assert.match(budget.report.run?.stopped ?? '', /time budget/);
  assert.equal(verdicts(budget.report), { crypto: 'partial' });
  assert.match(budget.report.verdicts![0]!.line, /not run/);
});

test('[ADP-16] a vector set other than the bundled one is named and never plainly conformant', async () => {
  const dir = join(tmp, 'vectors');
  rmSync(dir, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(dir);
  writeFileSync(join(dir, 'schemas.json'), readFileSync(new URL('../../vectors/schemas.json', import.meta.url)));
  const { code, report } = await judge('reference', ['--profile', 'schemas', '--vectors', dir]);
  assert.equal(verdicts(report), { schemas: 'conformant (modified suite)' });
  assert.is(report.suite.vectors?.bundled, false);
  assert.match(report.verdict ?? '', /MODIFIED SUITE/);
  assert.is(code, 1);
  assert.is(exitCodeOfVerdicts(report.verdicts!, true), 0, '--allow-partial lets it through');
  const bundled = await judge('reference', ['--profile', 'schemas']);
  assert.equal(verdicts(bundled.report), { schemas: 'conformant' });
  assert.is(bundled.report.suite.vectors?.bundled, true);
  assert.match(bundled.report.suite.vectors?.digest ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.is(bundled.code, 0);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
