// Property checks over the adapter: fast-check generates inputs, the implementation answers, and a
// predicate judges each answer (against a model written for the harness, or a property that needs
// no oracle). A failure reports the shrunk counterexample, the seed and the fast-check path, so one
// command replays it.
import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../lib/json.ts';
import { isErrored, isUnsupported, type Implementation, type Response } from '../impl/types.ts';
import type { Check, CheckContext, RawResult } from './types.ts';

export interface Failure {
  requirement: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

/** Thrown inside a predicate when the adapter errs: it aborts the property as `errored`. */
class AdapterErrored extends Error {}

/** Calls an op and returns its response; an errored response aborts the whole check. */
export async function call(impl: Implementation, op: string, input: JsonObject): Promise<Exclude<Response, { errored: true }>> {
  const r = await impl.run(op, input);
  if (isErrored(r)) throw new AdapterErrored(`${op}: ${r.message}`);
  return r;
}

/** `ok` output or a Failure describing the unexpected rejection. */
export function outputOf(r: Response, requirement: string): JsonObject | Failure {
  if ('ok' in r && r.ok) return r.output;
  if ('ok' in r && !r.ok) return { requirement, message: `rejected: ${r.error.code}: ${r.error.message}` };
  return { requirement, message: 'op unsupported' };
}
export const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && 'requirement' in v && 'message' in v;

export interface PropertySpec<T> {
  id: string;
  covers: string[];
  description: string;
  /** One call that tells whether the implementation supports what the property needs. */
  probe: { op: string; input: JsonObject } | (() => { op: string; input: JsonObject });
  /** The generator, or a function that builds it on first run (cheaper start-up: prefer this). */
  arbitrary: fc.Arbitrary<T> | (() => fc.Arbitrary<T>);
  /** null when the case holds. */
  predicate: (impl: Implementation, value: T) => Promise<Failure | null>;
  /** Costly properties run a fraction of --runs. */
  runsFactor?: number;
  /** Known-dangerous inputs tried on every run before the random ones (fast-check examples). */
  examples?: T[];
  profile?: string;
}

export function propertyCheck<T>(spec: PropertySpec<T>): Check {
  return {
    id: spec.id,
    profile: spec.profile ?? 'crypto',
    kind: 'property',
    covers: spec.covers,
    description: spec.description,
    async run(impl: Implementation, ctx: CheckContext): Promise<RawResult> {
      const p = typeof spec.probe === 'function' ? spec.probe() : spec.probe;
      const probe = await impl.run(p.op, p.input);
      if (isErrored(probe)) return { status: 'errored', message: probe.message };
      if (isUnsupported(probe)) return { status: 'unsupported', message: `op ${p.op} is unsupported` };
      let errored: string | null = null;
      const arbitrary = typeof spec.arbitrary === 'function' ? spec.arbitrary() : spec.arbitrary;
      const property = fc.asyncProperty(arbitrary, async (value) => {
        try {
          return (await spec.predicate(impl, value)) === null;
        } catch (e) {
          if (e instanceof AdapterErrored) {
            errored = e.message;
            return true; // stop judging; reported as errored below
          }
          throw e;
        }
      });
      const numRuns = Math.max(1, Math.round(ctx.runs * (spec.runsFactor ?? 1)));
      const details = await fc.check(property, {
        seed: ctx.seed,
        numRuns,
        ...(ctx.path ? { path: ctx.path } : { examples: (spec.examples ?? []).map((e) => [e] as [T]) }),
        endOnFailure: false,
      });
      if (errored) return { status: 'errored', message: errored };
      if (!details.failed) return { status: 'pass', message: `${details.numRuns} cases` };
      const counterexample = details.counterexample?.[0] as T | undefined;
      if (counterexample === undefined) {
        return { status: 'errored', message: `property threw: ${String(details.errorInstance)}` };
      }
      const failure = (await spec.predicate(impl, counterexample)) ?? { requirement: spec.covers[0]!, message: 'failed (flaky: passed when re-run)' };
      return {
        status: 'fail',
        requirement: failure.requirement,
        message: `${failure.message}\ncounterexample: ${JSON.stringify(counterexample as JsonValue)}`,
        expected: failure.expected,
        actual: failure.actual,
        seed: details.seed,
        path: details.counterexamplePath ?? undefined,
      };
    },
  };
}
