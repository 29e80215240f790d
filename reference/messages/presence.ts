// Presence-plane decoders (spec/07-messages.md, 7.4). A coordinator decodes what participants send
// with `decodeClientToCoordinator`; a participant decodes what the coordinator sends with
// `decodeCoordinatorToClient`. Failures are silent drops for the caller [MSG-05].
import type { ClientToCoordinator, CoordinatorToClient, PresenceMessage, RosterMsg } from '../../schemas/src/presence.ts';
import { catalogEntry } from './catalog.ts';
import type { MsgResult } from './codes.ts';
import { decodeWith } from './decode.ts';

const toCoordinator = catalogEntry('presence', 'ClientToCoordinator');
const toClient = catalogEntry('presence', 'CoordinatorToClient');
const either = catalogEntry('presence', 'PresenceMessage');

export const decodeClientToCoordinator = (value: unknown): MsgResult<ClientToCoordinator> => decodeWith(toCoordinator, value);
export const decodeCoordinatorToClient = (value: unknown): MsgResult<CoordinatorToClient> => decodeWith(toClient, value);
/** Either direction; for tools that see both (taps, logs, the conformance harness). */
export const decodePresence = (value: unknown): MsgResult<PresenceMessage> => decodeWith(either, value);

/** The room flags a roster carries, with absent or null read as false / "" [MSG-25]. */
export function rosterFlags(msg: Pick<RosterMsg, 'lobby' | 'host' | 'locked'>): { lobby: boolean; host: string; locked: boolean } {
  return { lobby: msg.lobby ?? false, host: msg.host ?? '', locked: msg.locked ?? false };
}

/** Hardening bound on a member's `meta`, as JSON text [MSG-23]. Not expressible in the schema. */
export const META_JSON_MAX = 16384;

/** True when `meta` is absent or serialises to at most META_JSON_MAX characters; never throws. */
export function metaWithinBound(meta: unknown): boolean {
  if (meta === undefined || meta === null) return true;
  try {
    return JSON.stringify(meta).length <= META_JSON_MAX;
  } catch {
    return false; // cycles, BigInt: nothing an honest BinaryPack peer sends
  }
}
