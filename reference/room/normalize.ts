// Room name -> room id (the salt every binding uses) -> authority peer id, per
// spec/02-room-ids.md [ROOM-01..ROOM-07]. No hashing: the id is readable on purpose upstream.
import { lowerUnicode } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';

export const PEER_ID_PREFIX = 'kbz-v1-';
export const MAX_ROOM_CHARS = 40;

/**
 * lower-case (full Unicode mapping) -> every run outside [a-z0-9] becomes one '-' -> strip
 * leading/trailing '-' -> keep the first 40 characters. The cut comes last, so the result
 * can end in '-' [ROOM-02]; that is upstream behaviour and the salt must match it.
 */
export function normalizeRoom(name: string): string {
  return lowerUnicode(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ROOM_CHARS);
}

/** The PeerJS id syntax a broker (and the PeerJS client) accepts [SIG-03]. */
export const BROKER_ID_PATTERN = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;

export const authorityPeerId = (name: string): string => PEER_ID_PREFIX + normalizeRoom(name);

/**
 * The authority peer id, or `room.unclaimable-id` when the id can never be registered on a
 * PeerJS broker (empty room id, or a cut that left a trailing '-') [ROOM-06].
 */
export function claimablePeerId(name: string): Result<string> {
  const id = authorityPeerId(name);
  if (!BROKER_ID_PATTERN.test(id)) {
    return fail('room.unclaimable-id', `${JSON.stringify(id)} is not a valid broker id: such a room cannot be joined`);
  }
  return ok(id);
}
