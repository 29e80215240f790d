// The adapter's per-op answer shape (spec/10-adapter-protocol.md, "run").
import type { JsonObject } from '../encoding/json.ts';
import type { Result } from '../result.ts';

export type OpOutcome =
  | { ok: true; output: JsonObject }
  | { ok: false; error: { code: string; message: string } }
  | { unsupported: true };

export type OpHandler = (input: JsonObject) => OpOutcome | Promise<OpOutcome>;

/** Turns a Result into the adapter's success/error shape. */
export function fromResult<T>(r: Result<T>, shape: (v: T) => JsonObject): OpOutcome {
  return r.ok ? { ok: true, output: shape(r.value) } : { ok: false, error: { code: r.error.code, message: r.error.message } };
}
