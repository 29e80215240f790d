// Builds a broken wire implementation: the reference's wire ops with one op replaced by a version
// that has exactly one named codec bug. Every other op is the reference's.
import type { JsonObject, JsonValue } from '../../../reference/encoding/json.ts';
import { WIRE_OPS } from '../../../reference/adapter/wire-ops.ts';
import { InputError } from '../../../reference/adapter/input.ts';
import type { OpHandler, OpOutcome } from '../../../reference/adapter/outcome.ts';
import { mutant, type Mutant } from '../mutant.ts';

export type WireOp = 'wire.encode' | 'wire.decode' | 'wire.chunk' | 'wire.reassemble';

/** The reference's answer for an op, with input errors as the adapter reports them. */
export function reference(op: WireOp, input: JsonObject): OpOutcome {
  try {
    const out = WIRE_OPS[op]!(input);
    if (out instanceof Promise) throw new Error('wire ops are synchronous');
    return out;
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { code: 'input.invalid', message: e.message } };
    throw e;
  }
}

export const outputOf = (o: OpOutcome): JsonObject | null => ('ok' in o && o.ok ? o.output : null);
export const hexBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
export const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const okOutput = (output: JsonObject): OpOutcome => ({ ok: true, output });

export function wireMutant(name: string, spec: { bug: string; breaks: string; mustFail: string[]; op: WireOp; run: (input: JsonObject) => OpOutcome }): Mutant {
  const handler: OpHandler = (input) => spec.run(input);
  return mutant(name, { bug: spec.bug, breaks: spec.breaks, mustFail: spec.mustFail, ops: { [spec.op]: handler } });
}

export type { JsonObject, JsonValue };
