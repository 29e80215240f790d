// The broker suite against the stock PeerJS server (must pass) and against fixtures that each
// break one rule (must fail, naming that check and requirement). All suite runs happen in
// parallel in `before` to keep the wall time down; each test then reads its report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Report } from '../../schemas/src/report.ts';
import { brokerMain } from '../../conformance/broker/cli.ts';
import { FIXTURES } from './fixtures/index.ts';
import { startStockPeerServer, type RunningBroker } from './stock-server.ts';
import { BROKER_CHECKS } from '../../conformance/broker/checks.ts';
import { within } from '../e2e/support/time.ts';

/** What each faulty fixture must fail: exactly these checks, at MUST level, naming these requirements. */
const BROKEN: Record<string, { fails: string[]; reqs: string[] }> = {
  'src-passthrough': { fails: ['broker.relay.overwrites-src'], reqs: ['SIG-09'] },
  'sticky-id': {
    fails: ['broker.relay.expire-after-release', 'broker.lifecycle.releases-id-on-close', 'broker.lifecycle.releases-id-on-dropped-connection'],
    reqs: ['SIG-11', 'SIG-17'],
  },
  'no-expire': { fails: ['broker.relay.expire-unregistered', 'broker.relay.expire-after-release'], reqs: ['SIG-11'] },
  'duplicate-id': { fails: ['broker.open.rejects-duplicate-id'], reqs: ['SIG-05'] },
  'silent-refusal': { fails: ['broker.open.refusal-is-explicit'], reqs: ['SIG-06'] },
  'leaky-relay': { fails: ['broker.relay.offer', 'broker.relay.answer', 'broker.relay.candidate'], reqs: ['SIG-08'] },
};

// Ample on a loaded 2-core machine: prompt answers take milliseconds, the fixtures' EXPIRE comes
// after 300 ms and the stock server's (configured below) after ~0.6 s.
const TIMEOUTS = ['--step-timeout', '2500', '--quiet-window', '200', '--expire-timeout', '2000'];
const ROOT = new URL('../../', import.meta.url).pathname;

type CliRun = { code: number | null; out: string };

interface Ctx {
  dir: string;
  servers: Map<string, RunningBroker>;
  reports: Map<string, { code: number; report: Report }>;
  cli: [CliRun, CliRun, CliRun];
}

const test = suite<Ctx>('broker conformance suite', { dir: '', servers: new Map(), reports: new Map() } as unknown as Ctx);

async function runSuite(ctx: Ctx, name: string, url: string): Promise<void> {
  const out = join(ctx.dir, `${name}.json`);
  const code = await brokerMain(['--url', url, ...TIMEOUTS, '--reporter', 'json', '--out', out, '--quiet']);
  ctx.reports.set(name, { code, report: JSON.parse(readFileSync(out, 'utf8')) as Report });
}

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kibitz-conformance.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'kbz-broker-'));
  // The stock server with short expiry so EXPIRE checks take ~0.6 s instead of ~6 s.
  ctx.servers.set('stock', await startStockPeerServer({ expire_timeout: 500, cleanup_out_msgs: 100 }));
  for (const [name, f] of Object.entries(FIXTURES)) ctx.servers.set(name, await f.start());
  // The CLI runs in child processes at the same time as the in-process runs.
  const cliRuns = Promise.all([
    cli(['broker', '--url', ctx.servers.get('stock')!.url, '--only', 'broker.open', ...TIMEOUTS]),
    cli(['broker', '--url', ctx.servers.get('sticky-id')!.url, '--only', 'broker.lifecycle', ...TIMEOUTS]),
    cli(['broker', '--url', 'http://127.0.0.1:1/']),
  ]);
  await within(90_000, 'broker suite runs', Promise.all([...ctx.servers].map(([name, srv]) => runSuite(ctx, name, srv.url))));
  ctx.cli = await within(90_000, 'CLI runs', cliRuns);
});

test.after(async (ctx) => {
  await Promise.all([...ctx.servers.values()].map((srv) => srv.close()));
  rmSync(ctx.dir, { recursive: true, force: true });
});

// Literal titles: the traceability matrix reads requirement tags from them.
const STOCK_COVERS = '[SIG-01] [SIG-02] [SIG-03] [SIG-04] [SIG-05] [SIG-06] [SIG-07] [SIG-08] [SIG-09] [SIG-11] [SIG-12] [SIG-16] [SIG-17] [SIG-18] [SIG-19]';

test('[SIG-01] [SIG-02] [SIG-03] [SIG-04] [SIG-05] [SIG-06] [SIG-07] [SIG-08] [SIG-09] [SIG-11] [SIG-12] [SIG-16] [SIG-17] [SIG-18] [SIG-19] the stock PeerJS server (peer 1.0.2) passes every broker check', (ctx) => {
  const covered = [...new Set(BROKER_CHECKS.flatMap((c) => c.covers))].sort().map((r) => `[${r}]`).join(' ');
  assert.is(covered, STOCK_COVERS, 'this title lists what the broker checks cover');
  const { code, report } = ctx.reports.get('stock')!;
  const notPassing = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
  assert.equal(notPassing, []);
  assert.is(report.checks.length, BROKER_CHECKS.length);
  assert.is(code, 0);
});

test('the mini broker without faults passes every check (the fixtures differ from it by one fault each)', (ctx) => {
  const { code, report } = ctx.reports.get('good')!;
  assert.equal(report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.message ?? ''}`), []);
  assert.is(code, 0);
});

/** The suite exits 1 and fails exactly the checks, and names exactly the requirements, expected. */
function assertBroken(ctx: Ctx, name: string): void {
  const want = BROKEN[name]!;
  const { code, report } = ctx.reports.get(name)!;
  assert.is(code, 1, 'exit code');
  const failed = report.checks.filter((c) => c.outcome === 'fail');
  assert.equal(failed.map((c) => c.id).sort(), [...want.fails].sort(), 'failing checks');
  assert.equal([...new Set(failed.map((c) => c.failedRequirement))].sort(), [...want.reqs].sort(), 'requirements named');
  for (const r of want.reqs) assert.is(report.requirements.find((q) => q.id === r)?.outcome, 'fail');
  assert.equal(report.checks.filter((c) => c.outcome === 'errored').map((c) => c.id), [], 'nothing errored');
}

test('[SIG-09] the suite exits 1 against a broker that relays the src the sender wrote (src-passthrough)', (ctx) => assertBroken(ctx, 'src-passthrough'));
test('[SIG-11] [SIG-17] the suite exits 1 against a broker that keeps an id after its socket closes (sticky-id)', (ctx) => assertBroken(ctx, 'sticky-id'));
test('[SIG-11] the suite exits 1 against a broker that never answers EXPIRE (no-expire)', (ctx) => assertBroken(ctx, 'no-expire'));
test('[SIG-05] the suite exits 1 against a broker that accepts a duplicate id (duplicate-id)', (ctx) => assertBroken(ctx, 'duplicate-id'));
test('[SIG-06] the suite exits 1 against a broker that refuses registrations silently (silent-refusal)', (ctx) => assertBroken(ctx, 'silent-refusal'));
test('[SIG-08] the suite exits 1 against a broker that relays to every peer (leaky-relay)', (ctx) => assertBroken(ctx, 'leaky-relay'));

test('kibitz-conformance broker: exit 0 on the stock server, 1 naming check and requirement on a broken one, 2 on usage errors', (ctx) => {
  const [ok, bad, usage] = ctx.cli;
  assert.is(ok.code, 0, ok.out);
  assert.match(ok.out, 'RESULT: conformant');
  assert.is(bad.code, 1, bad.out);
  assert.match(bad.out, 'broker.lifecycle.releases-id-on-close');
  assert.match(bad.out, '[SIG-17]');
  assert.is(usage.code, 2, usage.out);
});

test.run();
