// Builds a broken presence implementation: the reference presence ops with one role factory
// swapped for a subclass that breaks exactly one rule. Every other op is the reference's.
import { InputError } from '../../../reference/adapter/input.ts';
import type { OpHandler } from '../../../reference/adapter/outcome.ts';
import { makePresenceOps } from '../../../reference/adapter/presence-ops.ts';
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { Participant, type CarriedState, type ParticipantConfig } from '../../../reference/presence/participant.ts';
import { REFERENCE_FACTORIES, type RoleFactories } from '../../../reference/presence/room.ts';
import { mutant, type Mutant } from '../mutant.ts';

type CoordinatorClass = new (config: CoordinatorConfig, start: number, nextId: () => number) => Coordinator;
type ParticipantClass = new (config: ParticipantConfig, start: number, carried: CarriedState) => Participant;

export function presenceMutant(
  name: string,
  spec: { bug: string; breaks: string; mustFail: string[]; coordinator?: CoordinatorClass; participant?: ParticipantClass },
): Mutant {
  const factories: RoleFactories = {
    coordinator: spec.coordinator ? (c, s, n) => new spec.coordinator!(c, s, n) : REFERENCE_FACTORIES.coordinator,
    participant: spec.participant ? (c, s, k) => new spec.participant!(c, s, k) : REFERENCE_FACTORIES.participant,
  };
  // Same input handling as the reference's runOp: a wrong shape is input.invalid, not a crash.
  const ops: Record<string, OpHandler> = {};
  for (const [op, handler] of Object.entries(makePresenceOps(factories))) {
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
