// The broker suite: every check, run one after another against one broker, graded like the
// adapter checks (the level of the broken requirement decides fail vs non-strict) so the same
// report model and reporters apply.
import type { CheckResult } from '../../schemas/src/report.ts';
import { expectationFor, type Expectation } from '../expectations.ts';
import { checkLevel, grade } from '../runner.ts';
import type { Requirement } from '../spec-index.ts';
import type { RawResult } from '../checks/types.ts';
import type { BrokerEndpoint } from './endpoint.ts';
import type { BrokerSocket } from './socket.ts';
import { BROKER_CHECKS } from './checks.ts';
import { makeEnv, SetupError, type BrokerCheck, type BrokerTimeouts } from './checks/types.ts';

export { BROKER_CHECKS };
export const BROKER_PROFILE = 'broker';

export const DEFAULT_TIMEOUTS: BrokerTimeouts = { stepMs: 5000, quietMs: 300, expireMs: 15_000 };

/** Checks whose id equals, or starts with `<prefix>.`, one of `only` (all when empty). */
export function selectBrokerChecks(only: readonly string[]): BrokerCheck[] {
  if (only.length === 0) return [...BROKER_CHECKS];
  return BROKER_CHECKS.filter((c) => only.some((o) => c.id === o || c.id.startsWith(`${o}.`)));
}

export interface BrokerRunOptions {
  endpoint: BrokerEndpoint;
  timeouts: BrokerTimeouts;
  checks: readonly BrokerCheck[];
  reqs: Map<string, Requirement>;
  expectations?: readonly Expectation[];
  replay: (checkId: string) => string;
  onProgress?: (done: number, total: number, result: CheckResult) => void;
}

/** A check never hangs the suite: its own waits are bounded, and this caps the whole check. */
function capFor(t: BrokerTimeouts): number {
  return t.expireMs + 6 * t.stepMs + 20 * t.quietMs;
}

async function runOne(check: BrokerCheck, opts: BrokerRunOptions): Promise<RawResult> {
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
    // Every socket a check opened is dropped, so no registration leaks into the next check.
    await Promise.all(sockets.map((s) => s.close(500)));
  }
}

export async function runBrokerChecks(opts: BrokerRunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [i, check] of opts.checks.entries()) {
    const level = checkLevel(check.covers, opts.reqs);
    const expectation = expectationFor(check.id, opts.expectations ?? []);
    const base = { id: check.id, profile: BROKER_PROFILE, kind: 'scenario' as const, covers: check.covers, level, description: check.description };
    const exp = expectation ? { expectation: { expect: expectation.expect, reason: expectation.reason, ...(expectation.issue ? { issue: expectation.issue } : {}) } } : {};
    let result: CheckResult;
    if (expectation?.expect === 'skip') {
      result = { ...base, ...exp, outcome: 'skipped', durationMs: 0, message: expectation.reason };
    } else {
      const t0 = performance.now();
      const raw = await runOne(check, opts);
      result = { ...base, ...exp, outcome: grade(raw, level, opts.reqs, expectation), durationMs: Math.round(performance.now() - t0) };
      if (raw.message) result.message = raw.message;
      if (raw.status === 'fail') {
        result.failedRequirement = raw.requirement;
        if (raw.expected !== undefined) result.expected = raw.expected;
        if (raw.actual !== undefined) result.actual = raw.actual;
      }
      if (raw.status !== 'pass') result.replay = opts.replay(check.id);
      if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
    }
    results.push(result);
    opts.onProgress?.(i + 1, opts.checks.length, result);
  }
  return results;
}
