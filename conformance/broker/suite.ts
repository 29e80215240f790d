// The broker suite: every check against one broker, graded like the adapter checks (the level of
// the broken requirement decides fail vs non-strict) so the same report model and reporters apply.
//
// Checks are independent (fresh ids, their own sockets), so all but the `exclusive` ones run at the
// same time: the suite takes about as long as its slowest check (an EXPIRE wait) rather than the
// sum of them. Exclusive checks then run one by one, and after each the suite makes sure the broker
// still registers peers: a broker that stopped during a check fails that check's requirement
// (SIG-18 for malformed frames), and the checks after it are not run, with that check as the one
// cause (the run's `stopped`). `serial` runs every check that way, to find which one stops a broker.
import type { CheckResult } from '../../schemas/src/report.ts';
import { expectationFor, type Expectation } from '../expectations.ts';
import { checkLevel, grade } from '../runner.ts';
import type { Requirement } from '../spec-index.ts';
import type { RawResult } from '../checks/types.ts';
import { socketUrl, type BrokerEndpoint } from './endpoint.ts';
import { BrokerSocket, typeOf } from './socket.ts';
import { BROKER_CHECKS } from './checks.ts';
import { selectOnly } from '../selector.ts';
import { makeEnv, randomId, SetupError, type BrokerCheck, type BrokerTimeouts } from './checks/types.ts';

export { BROKER_CHECKS };
export const BROKER_PROFILE = 'broker';

/** Spec bounds by default: EXPIRE within 15 s [SIG-11], a registration answered within 8 s [SIG-28]. */
export const DEFAULT_TIMEOUTS: BrokerTimeouts = { stepMs: 5000, quietMs: 300, expireMs: 15_000, registerMs: 8000, aliveMs: 5000 };

/** The checks `only` selects: a check id, a group prefix or a requirement ID (all when empty). */
export function selectBrokerChecks(only: readonly string[]): BrokerCheck[] {
  return selectOnly(BROKER_CHECKS, only);
}

export interface BrokerRunOptions {
  endpoint: BrokerEndpoint;
  timeouts: BrokerTimeouts;
  checks: readonly BrokerCheck[];
  reqs: Map<string, Requirement>;
  expectations?: readonly Expectation[];
  replay: (checkId: string) => string;
  onProgress?: (done: number, total: number, result: CheckResult) => void;
  /** Run every check alone, one after another (finds the check that stops a broker). */
  serial?: boolean;
}

/** A check never hangs the suite: its own waits are bounded, and this caps the whole check. */
function capFor(t: BrokerTimeouts): number {
  return t.expireMs + t.aliveMs + 2 * t.registerMs + 6 * t.stepMs + 20 * t.quietMs;
}

interface Ran {
  raw: RawResult;
  ms: number;
}

async function runOne(check: BrokerCheck, opts: BrokerRunOptions): Promise<Ran> {
  const t0 = performance.now();
  const raw = await runRaw(check, opts);
  return { raw, ms: Math.round(performance.now() - t0) };
}

async function runRaw(check: BrokerCheck, opts: BrokerRunOptions): Promise<RawResult> {
  const sockets: BrokerSocket[] = [];
  const env = makeEnv(opts.endpoint, opts.timeouts, sockets);
  let timer: NodeJS.Timeout | undefined;
  const cap = capFor(opts.timeouts);
  try {
    return await Promise.race([
      check.run(env),
      new Promise<RawResult>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'errored', message: `the check did not finish within ${cap} ms` }), cap);
      }),
    ]);
  } catch (e) {
    if (e instanceof SetupError) return { status: 'errored', message: `setup: ${e.message}` };
    return { status: 'errored', message: `the check itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  } finally {
    clearTimeout(timer);
    // Every socket a check opened is dropped, so no registration outlives its check.
    await Promise.all(sockets.map((s) => s.close(500)));
  }
}

/** Null when the broker registers a fresh peer now; otherwise what went wrong. */
export async function brokerDown(endpoint: BrokerEndpoint, t: BrokerTimeouts): Promise<string | null> {
  const sock = new BrokerSocket(socketUrl(endpoint, { key: endpoint.key, id: randomId('kbzc-alive'), token: randomId('t') }));
  try {
    const got = await sock.take((r) => typeOf(r) === 'OPEN', t.registerMs);
    return got ? null : sock.error ?? (sock.closed ? `socket closed (${sock.closed.code})` : `no OPEN within ${t.registerMs} ms`);
  } finally {
    await sock.close(500);
  }
}

export interface BrokerRunOutcome {
  /** In the order of the selected checks; checks not run are absent. */
  results: CheckResult[];
  /** Selected checks not run because the broker stopped serving before them. */
  notRun: BrokerCheck[];
  /** Why the run stopped early, if it did. */
  stopped?: string;
}

export async function runBrokerChecks(opts: BrokerRunOptions): Promise<BrokerRunOutcome> {
  const results = new Map<BrokerCheck, CheckResult>();
  const total = opts.checks.length;
  const record = (check: BrokerCheck, result: CheckResult) => {
    results.set(check, result);
    opts.onProgress?.(results.size, total, result);
  };
  const skipped = (c: BrokerCheck) => expectationFor(c.id, opts.expectations ?? [])?.expect === 'skip';
  for (const check of opts.checks.filter(skipped)) record(check, graded(check, { raw: { status: 'pass' }, ms: 0 }, opts));
  const toRun = opts.checks.filter((c) => !skipped(c));
  const together = opts.serial ? [] : toRun.filter((c) => !c.exclusive);
  const alone = opts.serial ? toRun : toRun.filter((c) => c.exclusive);

  const ran = await Promise.all(together.map(async (check) => [check, await runOne(check, opts)] as const));
  // A broker that went down while checks ran together cannot be pinned on one of them.
  const downTogether = ran.some(([, r]) => r.raw.status !== 'pass') ? await brokerDown(opts.endpoint, opts.timeouts) : null;
  for (const [check, r] of ran) {
    const note = downTogether && r.raw.status === 'errored' ? ` (the broker stopped accepting connections while ${together.length} checks ran together: ${downTogether}; --serial finds the check that stopped it)` : '';
    record(check, graded(check, note ? { ...r, raw: { ...r.raw, message: `${r.raw.message ?? ''}${note}` } } : r, opts));
  }

  let stoppedBy: string | null = downTogether ? 'the checks that ran together' : null;
  const notRun: BrokerCheck[] = [];
  for (const check of alone) {
    if (stoppedBy) {
      notRun.push(check);
      continue;
    }
    const r = await runOne(check, opts);
    // An exclusive check that passed ended by registering a peer: the broker was serving.
    const down = r.raw.status === 'pass' && check.exclusive ? null : await brokerDown(opts.endpoint, opts.timeouts);
    if (down) {
      stoppedBy = check.id;
      const requirement = check.deathBreaks ?? check.covers[0]!;
      const during = r.raw.status === 'pass' ? '' : ` (${r.raw.message ?? r.raw.status})`;
      r.raw = { status: 'fail', requirement, message: `the broker stopped accepting connections during this check: ${down}${during}` };
    }
    record(check, graded(check, r, opts));
  }
  return {
    results: opts.checks.filter((c) => results.has(c)).map((c) => results.get(c)!),
    notRun,
    ...(stoppedBy ? { stopped: `the broker stopped accepting connections during ${stoppedBy}` } : {}),
  };
}

function graded(check: BrokerCheck, { raw, ms }: Ran, opts: BrokerRunOptions): CheckResult {
  const level = checkLevel(check.covers, opts.reqs);
  const expectation = expectationFor(check.id, opts.expectations ?? []);
  const base = { id: check.id, profile: BROKER_PROFILE, kind: 'scenario' as const, covers: check.covers, level, description: check.description };
  const exp = expectation ? { expectation: { expect: expectation.expect, reason: expectation.reason, ...(expectation.issue ? { issue: expectation.issue } : {}) } } : {};
  if (expectation?.expect === 'skip') return { ...base, ...exp, outcome: 'skipped', durationMs: 0, message: expectation.reason };
  const result: CheckResult = { ...base, ...exp, outcome: grade(raw, level, opts.reqs, expectation), durationMs: ms };
  if (raw.message) result.message = raw.message;
  if (raw.status === 'fail') {
    result.failedRequirement = raw.requirement;
    if (raw.expected !== undefined) result.expected = raw.expected;
    if (raw.actual !== undefined) result.actual = raw.actual;
  }
  if (raw.status !== 'pass') result.replay = opts.replay(check.id);
  if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
  return result;
}
