// Builds a broken dataplane implementation: the reference's dataplane ops with one factory (the
// content receiver, the transfer receiver, the pair machine, the recipient choice) or one op
// swapped for a version that breaks exactly one rule. Every other op is the reference's.
import { InputError } from '../../../reference/adapter/input.ts';
import type { OpHandler } from '../../../reference/adapter/outcome.ts';
import { makeDataplaneOps, REFERENCE_DATAPLANE, type DataplaneFactories } from '../../../reference/adapter/dataplane-ops.ts';
import { mutant, type Mutant } from '../mutant.ts';

export function dataplaneMutant(
  name: string,
  spec: { bug: string; breaks: string; mustFail: string[]; factories?: Partial<DataplaneFactories>; ops?: Record<string, OpHandler> },
): Mutant {
  const ops: Record<string, OpHandler> = {};
  for (const [op, handler] of Object.entries({ ...makeDataplaneOps({ ...REFERENCE_DATAPLANE, ...spec.factories }), ...spec.ops })) {
    ops[op] = async (input) => {
      try {
        return await handler(input);
      } catch (e) {
        if (e instanceof InputError) return { ok: false, error: { code: 'input.invalid', message: e.message } };
        throw e;
      }
    };
  }
  return mutant(name, { bug: spec.bug, breaks: spec.breaks, mustFail: spec.mustFail, ops });
}
