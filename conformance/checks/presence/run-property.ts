// Runs one fast-check property against the implementation and turns the outcome into a
// RawResult: a Violation names the requirement and carries the seed and path for the replay
// line; a HarnessStop (unsupported op, adapter error) is reported as such, never as a verdict.
import fc from 'fast-check';
import type { CheckContext, RawResult } from '../types.ts';
import { HarnessStop, Violation } from './driver.ts';

export async function runProperty(ctx: CheckContext, runs: number, property: fc.IAsyncPropertyWithHooks<never> | fc.IAsyncProperty<never>, fallbackRequirement: string): Promise<RawResult> {
  const details = await fc.check(property as fc.IAsyncProperty<unknown[]>, { seed: ctx.seed, numRuns: runs, endOnFailure: false });
  if (!details.failed) return { status: 'pass', message: `${details.numRuns} runs, seed ${ctx.seed}` };
  const err = details.errorInstance;
  if (err instanceof HarnessStop) return { status: err.status, message: err.message };
  if (!(err instanceof Violation)) {
    // A bug in the harness, not a verdict about the implementation.
    return { status: 'errored', message: `the property itself failed (seed ${details.seed}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
  }
  const v = err;
  const counterexample = JSON.stringify(details.counterexample ?? []).slice(0, 1500);
  return {
    status: 'fail',
    requirement: v.requirement,
    message: `${v.message}\ncounterexample: ${counterexample}`,
    ...(v.expected !== undefined ? { expected: v.expected } : {}),
    ...(v.actual !== undefined ? { actual: v.actual } : {}),
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
  };
}

/** Property runs scale with --runs; multi-step models are costlier than one vector, so fewer. */
export const scaledRuns = (ctx: CheckContext, divisor: number): number => Math.max(3, Math.ceil(ctx.runs / divisor));
