// Peer mode end to end: `kibitz-conformance peer` passes the reference peer program on a real broker
// over real WebRTC (node-datachannel on loopback), and fails broken peer programs, each naming the
// requirement its one bug breaks. Kept lean for the shared npm test budget: the reference run uses
// two scenario jobs, and each broken peer runs only the check that must catch it, several at once.
// Every broken peer through every check that must catch it: `npm run peer:broken`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startLoopbackBroker, type LoopbackBroker } from '../../conformance/peer/broker.ts';
import { loadNdc } from '../../conformance/peer/observer/link.ts';
import { PEER_CHECKS } from '../../conformance/peer/suite.ts';
import { BROKEN_PEERS } from './fixtures/broken-peers.ts';
import { runBroken, type BrokenVerdict } from './support/run-broken.ts';

interface Ctx {
  broker?: LoopbackBroker;
  dir: string;
}

const test = suite<Ctx>('peer mode', { dir: mkdtempSync(join(tmpdir(), 'kbz-peer-')) });

test.after(async (ctx) => {
  await ctx.broker?.close();
  (await loadNdc()).cleanup();
  rmSync(ctx.dir, { recursive: true, force: true });
});

function run(cmd: string, args: string[], ms: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr = (stderr + String(b)).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

test('[ADP-30] [ADP-31] [ADP-32] [ADP-33] [ADP-34] [ADP-35] [ADP-36] [ADP-37] [ADP-38] [ADP-39] [ADP-40] [ADP-41] [ADP-42] [ADP-43] [ADP-44] [ADP-46] kibitz-conformance peer --impl cmd:"node bin/kibitz-reference.mjs --peer" passes every peer-mode check', async (ctx) => {
  const out = join(ctx.dir, 'reference.json');
  const r = await run(process.execPath, ['bin/kibitz-conformance.mjs', 'peer', '--impl', 'cmd:node bin/kibitz-reference.mjs --peer', '--jobs', '2', '--reporter', 'json', '--out', out, '--quiet'], 200_000);
  const report = JSON.parse(readFileSync(out, 'utf8')) as { exitCode: number; verdicts?: { verdict: string; line: string }[]; checks: { id: string; outcome: string; failedRequirement?: string; message?: string }[] };
  const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.failedRequirement ?? ''} ${(c.message ?? '').slice(0, 300)}`);
  assert.equal(bad, [], r.stderr);
  assert.is(report.checks.length, PEER_CHECKS.length);
  assert.equal(report.verdicts?.map((v) => v.verdict), ['conformant'], report.verdicts?.[0]?.line);
  assert.is(report.exitCode, 0);
  assert.is(r.code, 0);
});

// The five bugs the issue names (JSON instead of BinaryPack, no chunking, wrong dialler, roster
// ignored, host command accepted from a stranger), each judged by the one check that must catch it.
const LEAN = ['json-serialization', 'no-chunking', 'dials-from-media-id', 'roster-ignored', 'stranger-hostcmd'];

test('[ADP-45] [WIRE-01] [WIRE-36] [SIG-22] [PRES-39] [HCMD-08] five broken peer programs each fail the check that catches their bug, naming the requirement it breaks', async (ctx) => {
  ctx.broker = await startLoopbackBroker();
  const verdicts: BrokenVerdict[] = await runBroken(ctx.broker.url, LEAN.map((name) => ({ name, checks: [BROKEN_PEERS[name]!.mustFail.at(-1)!] })), 3);
  const wrong = verdicts.filter((v) => v.outcome !== 'fail' || v.failedRequirement !== BROKEN_PEERS[v.name]!.breaks);
  assert.equal(
    wrong.map((v) => `${v.name} / ${v.check}: ${v.outcome} ${v.failedRequirement ?? ''} ${v.message.slice(0, 300)}`),
    [],
  );
  assert.is(verdicts.length, LEAN.length);
});

test.run();
