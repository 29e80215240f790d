// A check is one named, stable verdict about an implementation: a vector, a property, or a
// scripted scenario. Its id never changes meaning and is never reused.
import type { Implementation } from '../impl/types.ts';

export type CheckKind = 'vector' | 'property' | 'scenario';

export interface CheckContext {
  seed: number;
  runs: number;
  /** fast-check replay path of a reported counterexample (--path). */
  path?: string;
  /** The per-op timeout of the run (--timeout), for checks that talk to the adapter themselves. */
  timeoutMs?: number;
  /** A one-line command that reruns this check (filled in by the runner). */
  replay: (extra?: string) => string;
}

export type RawResult =
  | { status: 'pass'; message?: string }
  | {
      status: 'fail';
      /** The requirement the implementation broke; it decides MUST (fail) vs SHOULD (non-strict). */
      requirement: string;
      message: string;
      /** The input the implementation was given (a vector's input), shown with the failure. */
      input?: unknown;
      expected?: unknown;
      actual?: unknown;
      seed?: number;
      path?: string;
    }
  | { status: 'unsupported'; message: string }
  | { status: 'errored'; message: string };

export interface Check {
  /** Stable: never changes meaning, never reused. */
  id: string;
  profile: string;
  kind: CheckKind;
  covers: string[];
  description: string;
  run(impl: Implementation, ctx: CheckContext): Promise<RawResult>;
}
