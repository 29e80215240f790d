// Creating a machine for a role from JSON config, and running whole scripts on it: the engine
// behind the `presence.*` adapter ops (spec/08-presence.md, "Adapter ops").
import type { JsonObject } from '../encoding/json.ts';
import { fail, ok, type Result } from '../result.ts';
import { claimablePeerId } from '../room/normalize.ts';
import { counter } from './coordinator.ts';
import { parseCoordinatorConfig, parseParticipantConfig, parseRoomConfig, type ScriptStep } from './json.ts';
import type { Output, PresenceMachine, Role } from './machine.ts';
import { REFERENCE_FACTORIES, RoomMachine, type RoleFactories } from './room.ts';

export interface Started {
  machine: PresenceMachine;
  /** What the machine emitted on creation (a participant's first dial, a room's first claim). */
  initial: Output[];
}

/** Builds a fresh machine; config shape errors throw InputError, protocol errors are a Result. */
export function startMachine(role: Role, config: unknown, start: number, factories: RoleFactories = REFERENCE_FACTORIES): Result<Started> {
  switch (role) {
    case 'coordinator': {
      const m = factories.coordinator(parseCoordinatorConfig(config), start, counter());
      return ok({ machine: m, initial: [] });
    }
    case 'participant': {
      const m = factories.participant(parseParticipantConfig(config), start, { self: null, knockName: '', knockAvatar: '' });
      return ok({ machine: m, initial: m.initialOutputs() });
    }
    case 'room': {
      const cfg = parseRoomConfig(config);
      const id = claimablePeerId(cfg.room); // never claim an id no broker accepts [ROOM-06]
      if (!id.ok) return fail(id.error.code, id.error.message);
      const m = new RoomMachine(cfg, start, factories);
      return ok({ machine: m, initial: m.initialOutputs() });
    }
  }
}

/** Runs a script; every output is tagged with the 1-based step that caused it (0: creation). */
export function runScript(started: Started, start: number, steps: ScriptStep[]): JsonObject[] {
  const outputs: JsonObject[] = started.initial.map((o) => ({ step: 0, at: start, ...o }));
  steps.forEach((s, i) => {
    for (const o of started.machine.step(s.at, s.event)) outputs.push({ step: i + 1, at: s.at, ...o });
  });
  return outputs;
}
