// `kibitz-conformance peer` gives verdicts by the adapter suite's rule [ADP-50]: a program that does
// not declare `peer`, or answers every op unsupported, is not implemented; a broken peer program is
// not conformant even with --allow-partial; a narrower selection is partial (exit 0 only with
// --allow-partial); a stale expectations key or an empty selection is a usage error (exit 2).
// Lean for the npm test budget: the runs share one loopback broker and run one after another in
// this process (each ends by stopping libdatachannel's threads), each selecting one or two checks.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Report } from '../../schemas/src/report.ts';
import { startLoopbackBroker, type LoopbackBroker } from '../../conformance/peer/broker.ts';
import { peerMain } from '../../conformance/peer/cli.ts';
import { PEER_CHECKS } from '../../conformance/peer/suite.ts';
import { brokenPeerCommand } from './support/run-broken.ts';

interface Ctx {
  broker?: LoopbackBroker;
  dir: string;
}
const test = suite<Ctx>('peer-mode verdicts', { dir: mkdtempSync(join(tmpdir(), 'kbz-peer-verdict-')) });

test.before(async (ctx) => {
  ctx.broker = await startLoopbackBroker();
});

test.after(async (ctx) => {
  await ctx.broker?.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

let n = 0;
/** peerMain on the shared broker, with its JSON report read back (absent after a usage error). */
async function judged(ctx: Ctx, args: string[]): Promise<{ code: number; report?: Report }> {
  const out = join(ctx.dir, `run-${++n}.json`);
  const code = await peerMain([...args, '--broker-url', ctx.broker!.url, '--reporter', `json:${out}`, '--quiet', '--timeout', '60000']);
  return { code, ...(existsSync(out) ? { report: JSON.parse(readFileSync(out, 'utf8')) as Report } : {}) };
}
const verdictOf = (r: { report?: Report }) => r.report?.verdicts?.[0];
const node = `"${process.execPath}"`;

test('[ADP-50] [ADP-14] a program that does not declare the profile peer is not implemented (exit 1)', async (ctx) => {
  const r = await judged(ctx, ['--impl', `cmd:${node} tests/conformance/fixtures/fake-adapter.mjs good`]);
  assert.is(verdictOf(r)?.verdict, 'not implemented', verdictOf(r)?.line);
  assert.equal(r.report?.checks, []);
  assert.is(r.code, 1);
});

test('[ADP-50] [ADP-14] a peer program that answers every op unsupported is not implemented (exit 1), even with --allow-partial', async (ctx) => {
  const r = await judged(ctx, ['--impl', `cmd:${node} tests/peer/fixtures/unsupported-peer.mjs`, '--only', 'peer.control', '--only', 'peer.identity', '--allow-partial']);
  const outcomes = [...new Set(r.report?.checks.map((c) => c.outcome))];
  assert.equal(outcomes, ['unsupported'], JSON.stringify(r.report?.checks.map((c) => [c.id, c.outcome, c.message?.slice(0, 120)])));
  assert.is(verdictOf(r)?.verdict, 'not implemented', verdictOf(r)?.line);
  assert.is(r.code, 1);
});

test('[ADP-50] [IDT-17] a broken peer program (ID token not bound) is not conformant, naming the requirement, even with --allow-partial (exit 1)', async (ctx) => {
  const r = await judged(ctx, ['--impl', `cmd:${brokenPeerCommand('binding-skipped')}`, '--only', 'peer.identity.replayed', '--allow-partial']);
  const c = r.report?.checks.find((x) => x.id === 'peer.identity.replayed');
  assert.is(c?.outcome, 'fail', c?.message);
  assert.is(c?.failedRequirement, 'IDT-17');
  assert.is(verdictOf(r)?.verdict, 'not conformant', verdictOf(r)?.line);
  assert.match(r.report?.verdict ?? '', /^NOT CONFORMANT: peer not conformant/);
  assert.is(r.code, 1);
});

test('[ADP-50] [ADP-15] a requirement selected (--only ADP-41 of a program that passes its one check) is partial: exit 1, and 0 with --allow-partial; the suite is identified', async (ctx) => {
  const half = `cmd:${node} tests/peer/fixtures/unsupported-peer.mjs unknown-peer-only`;
  const strict = await judged(ctx, ['--impl', half, '--only', 'peer.control.unknown-peer']);
  const r = await judged(ctx, ['--impl', half, '--only', 'peer.control.unknown-peer', '--allow-partial']);
  assert.equal(r.report?.checks.map((c) => [c.id, c.outcome]), [['peer.control.unknown-peer', 'pass']]);
  assert.is(verdictOf(r)?.verdict, 'partial', verdictOf(r)?.line);
  assert.is(verdictOf(r)!.line, `peer: partial (1 of ${PEER_CHECKS.length} checks ran, ${PEER_CHECKS.length - 1} not selected)`);
  assert.is(r.report?.suite.checks?.count, PEER_CHECKS.length);
  assert.is(r.code, 0);
  assert.is(verdictOf(strict)?.verdict, 'partial');
  assert.is(strict.code, 1, 'partial without --allow-partial');
});

test('[ADP-50] [ADP-15] a stale expectations key, an empty selection and a missing --impl are usage errors (exit 2), before anything starts', async (ctx) => {
  const stale = join(ctx.dir, 'stale.json');
  writeFileSync(stale, JSON.stringify({ implementation: 'x', expectations: { 'peer.participant.no-such-step': { expect: 'xfail', reason: 'typo' } } }));
  const a = await judged(ctx, ['--impl', 'reference', '--expect', stale]);
  const b = await judged(ctx, ['--impl', 'reference', '--only', 'SIG-99']);
  const c = await judged(ctx, []);
  assert.equal([a.code, b.code, c.code], [2, 2, 2]);
  assert.equal([a.report, b.report, c.report], [undefined, undefined, undefined]);
});

test.run();
