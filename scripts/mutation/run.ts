// One mutant against the harness. The same runner as `kibitz-conformance --impl cmd:"…" --bail`
// (conformance/runner.ts), in this process so that checks and vectors are loaded once.
//
// Narrowing, and why it cannot hide a catch:
// 1. profiles: only the profiles whose op module imports the mutated file (py_mutants.py computes
//    the import closure); no op of another profile can execute that file. A mutant of adapter.py
//    runs every profile plus the `adapter` profile.
// 2. first pass: only the checks whose pristine run executed the mutated lines (coverage.ts), in
//    suite order, stopping at the first failed or errored check (--bail).
// 3. confirm pass: a mutant the first pass did not catch runs again against EVERY check of its
//    profiles. Only a mutant that passes all of them is a survivor, so steps 1 and 2 only save time.
import type { Check } from '../../conformance/checks/types.ts';
import { resolveImplementation } from '../../conformance/impl/resolve.ts';
import { runSelected } from '../../conformance/runner.ts';
import type { Requirement } from '../../conformance/spec-index.ts';
import type { CheckResult } from '../../schemas/src/report.ts';
import type { Mutant } from './generate.ts';
import type { WorkerCopy } from './workspace.ts';

export type Status = 'caught' | 'survived';

export interface MutantResult {
  key: string;
  status: Status;
  /**
   * How it was caught: `fail` (a MUST-level comparison), `non-strict` (SHOULD), `errored` (crash,
   * timeout, exception), `unsupported` (an op the pristine copy answers is no longer supported: the
   * profile's verdict drops from conformant to partial, exit 1).
   */
  by?: 'fail' | 'non-strict' | 'errored' | 'unsupported';
  /** The check that caught it, and the requirement the failure names. */
  check?: string;
  requirement?: string;
  detail?: string;
  /** Checks run (first pass + confirm pass) and wall time. */
  checksRun: number;
  ms: number;
  /** Which pass caught it: 1 (covering checks) or 2 (every check of its profiles). */
  pass?: 1 | 2;
}

// Every check run here passed against the pristine copy (mutate-python.ts leaves out the others),
// so any other outcome is a verdict the mutant changed.
const CATCH = new Set(['fail', 'errored', 'non-strict', 'unsupported']);

export interface RunContext {
  reqs: Map<string, Requirement>;
  seed: number;
  runs: number;
  timeoutMs: number;
}

async function runOnce(copy: WorkerCopy, checks: readonly Check[], ctx: RunContext): Promise<{ caught?: CheckResult; ran: number; startError?: string }> {
  if (checks.length === 0) return { ran: 0 };
  const impl = resolveImplementation(`cmd:${copy.command}`, { timeoutMs: ctx.timeoutMs, startTimeoutMs: Math.max(20_000, ctx.timeoutMs) });
  let declared: string[];
  try {
    declared = (await impl.start()).profiles;
  } catch (e) {
    await impl.stop().catch(() => {});
    return { ran: 0, startError: (e as Error).message.split('\n')[0] };
  }
  // The CLI judges a profile the implementation does not declare `not implemented` (exit 1).
  const undeclared = [...new Set(checks.map((c) => c.profile))].filter((p) => p !== 'adapter' && !declared.includes(p));
  if (undeclared.length) {
    await impl.stop().catch(() => {});
    return { ran: 0, startError: `profile ${undeclared.join(', ')} not declared: not implemented` };
  }
  try {
    // A non-strict (SHOULD-level) failure does not stop --bail; for a mutant it is a catch too.
    const outcome = await runSelected(impl, checks, ctx.reqs, { seed: ctx.seed, runs: ctx.runs, expectations: [], replay: (id) => id, bail: true, timeoutMs: ctx.timeoutMs });
    const caught = outcome.results.find((r) => CATCH.has(r.outcome));
    return { ...(caught ? { caught } : {}), ran: outcome.results.length };
  } finally {
    await impl.stop().catch(() => {});
  }
}

export async function runMutant(m: Mutant, copy: WorkerCopy, first: readonly Check[], all: readonly Check[], ctx: RunContext): Promise<MutantResult> {
  const t0 = Date.now();
  const restore = copy.apply(m);
  try {
    let ran = 0;
    for (const [pass, checks] of [[1, first], [2, all]] as const) {
      const r = await runOnce(copy, checks, ctx);
      ran += r.ran;
      if (r.startError) {
        // The adapter did not start, or does not declare a profile it is run for: the harness
        // says "did not start" or "not implemented" (exit 1), so it is a catch.
        return { key: m.key, status: 'caught', by: 'errored', check: '(start)', detail: r.startError.slice(0, 200), checksRun: ran, ms: Date.now() - t0, pass };
      }
      if (r.caught) {
        const c = r.caught;
        const by = c.outcome as 'fail' | 'non-strict' | 'errored' | 'unsupported';
        return {
          key: m.key,
          status: 'caught',
          by,
          check: c.id,
          ...(c.failedRequirement ? { requirement: c.failedRequirement } : {}),
          detail: (c.cause ?? c.message ?? '').split('\n')[0]!.slice(0, 200),
          checksRun: ran,
          ms: Date.now() - t0,
          pass,
        };
      }
      if (pass === 1 && first.length === all.length) break;
    }
    return { key: m.key, status: 'survived', checksRun: ran, ms: Date.now() - t0 };
  } finally {
    restore();
  }
}
