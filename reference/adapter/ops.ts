// The reference implementation of every adapter op (spec/10-adapter-protocol.md), in process.
// The stdio adapter (bin/kibitz-reference.mjs) and the conformance harness's in-process mode
// both call `runOp`, so the two paths cannot drift apart.
import type { JsonValue } from '../encoding/json.ts';
import type { OpHandler, OpOutcome } from './outcome.ts';
import { InputError, obj } from './input.ts';
import { OP_TABLES } from './profiles.ts';
import { validateOpInput } from '../../schemas/src/ops/index.ts';

export type { OpHandler, OpOutcome } from './outcome.ts';

/** Every op table the reference implements, one per profile. */
const registries: readonly Record<string, OpHandler>[] = OP_TABLES.map((t) => t.ops);

export function listOps(): string[] {
  return registries.flatMap((r) => Object.keys(r)).sort();
}

export async function runOp(op: string, input: JsonValue | undefined): Promise<OpOutcome> {
  const handler = registries.find((r) => Object.prototype.hasOwnProperty.call(r, op))?.[op];
  if (!handler) return { unsupported: true };
  // The op's published input schema is the shape check, before any protocol step [ADP-08]; the
  // handlers' own readers stay as the second line for what a schema cannot say.
  const shape = validateOpInput(op, input ?? {});
  if (shape && !shape.ok) return { ok: false, error: { code: 'input.invalid', message: `input does not match the ${op} contract: ${shape.errors.slice(0, 3).join('; ')}` } };
  try {
    return await handler(obj(input ?? {}));
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: { code: 'input.invalid', message: e.message } };
    throw e; // a bug in the reference: let the harness report it as errored, not as a verdict
  }
}
