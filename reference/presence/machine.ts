// The sans-IO contract shared by the coordinator, participant and room machines
// (spec/08-presence.md, "Adapter ops"). A machine is fed one event at a time with the virtual
// time it happens at, and answers with outputs in a fixed order. It never reads a clock, draws
// randomness or touches a transport: the caller does all I/O and asks `wake` when to tick next.
import type { JsonObject, JsonValue } from '../encoding/json.ts';

export type Role = 'coordinator' | 'participant' | 'room';

/** Local (application) operations. Which ones a role accepts is listed in the spec. */
export type LocalOp =
  | { op: 'self'; on: boolean; cam: boolean; name: string; avatar: string; voiceId: string; meta?: JsonObject }
  | { op: 'knock'; name: string; avatar: string }
  | { op: 'identity'; jwt: string }
  /** The agent credentials a participant presents from now on [PRES-110]. */
  | { op: 'agent'; assertion: string }
  | { op: 'credit'; credential: string }
  | { op: 'lobby'; on: boolean }
  | { op: 'lock'; on: boolean }
  | { op: 'gate'; on: boolean }
  | { op: 'reset' }
  | { op: 'admit'; conn: string }
  | { op: 'deny'; conn: string }
  | { op: 'kick'; id: string }
  | { op: 'declare-host'; id: string }
  | { op: 'mod'; token: string }
  | { op: 'close' };

export type PresenceEvent =
  // coordinator side
  | { type: 'connect'; conn: string }
  | { type: 'message'; conn: string; msg: JsonValue }
  | { type: 'disconnect'; conn: string }
  | { type: 'result'; id: number; value: JsonValue }
  // participant side
  | { type: 'open' }
  | { type: 'frame'; msg: JsonValue }
  | { type: 'closed' }
  | { type: 'unavailable' }
  // room (role loop)
  | { type: 'claimed'; id: number; result: 'won' | 'taken' | 'error' }
  | { type: 'displaced' }
  // every role
  | { type: 'tick' }
  | ({ type: 'local' } & LocalOp);

/** Outputs are plain JSON so that any language can produce and compare them. */
export type Output = JsonObject & { type: string };

export interface PresenceMachine {
  /** Feed one event at virtual time `at` (ms, never decreasing). Never throws on protocol input. */
  step(at: number, event: PresenceEvent): Output[];
  /** The earliest virtual time a timer is due, or null when none is armed. */
  wake(): number | null;
}

/** Smallest of a list of optional deadlines. */
export function earliest(...times: (number | null | undefined)[]): number | null {
  let best: number | null = null;
  for (const t of times) if (t !== null && t !== undefined && (best === null || t < best)) best = t;
  return best;
}
