// Building blocks for admission mutants: the reference ops with one op re-implemented wrongly.
import { runOp } from '../../../reference/adapter/ops.ts';
import type { OpOutcome } from '../../../reference/adapter/outcome.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';

export { mutant } from '../mutant.ts';
export { runOp };

/** The reference's answer with its output rewritten. */
export async function mapOutput(op: string, input: JsonObject, f: (o: JsonObject) => JsonObject): Promise<OpOutcome> {
  const r = await runOp(op, input);
  return 'ok' in r && r.ok ? { ok: true, output: f(r.output) } : r;
}
export const ok = (output: JsonObject): OpOutcome => ({ ok: true, output });
