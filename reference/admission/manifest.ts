// Room manifests [MAN-01..MAN-09]: the creator's signed roster (cleartext `members`, hashed `mh`,
// `domains`), bound to a room, a gate mode and an expiry, plus the agents it pre-authorises.
// Signed with the same key and envelope as invites; told apart from them only by its members.
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { fail, ok, type Result } from '../result.ts';
import { verifyToken } from '../token/compact.ts';
import { canonicalIdentity } from './identity.ts';
import { memberHash } from './member-hash.ts';

export const MANIFEST_MODES = ['invite', 'google', 'names'] as const;

const nonEmptyArray = (v: JsonValue | undefined): boolean => Array.isArray(v) && v.length > 0;
const stringArray = (v: JsonValue | undefined): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * The members the membership rules read must have the types [MAN-01] gives them: `members`, `mh`
 * and `domains` arrays of strings when present, `room` a string, `agentKeys` an array.
 */
export function manifestShape(m: JsonObject): Result<JsonObject> {
  for (const k of ['members', 'mh', 'domains'] as const) {
    if (m[k] !== undefined && !stringArray(m[k])) return fail('manifest.malformed', `${k} must be an array of strings`);
  }
  if (typeof m.room !== 'string') return fail('manifest.malformed', 'room must be a string');
  if (m.agentKeys !== undefined && !Array.isArray(m.agentKeys)) return fail('manifest.malformed', 'agentKeys must be an array');
  return ok(m);
}

/**
 * Verification in the order of [MAN-02]; `mode` pins the gate mode when the caller expects one. An
 * empty `mode` expects none, as upstream's truthiness test reads it.
 */
export function verifyManifest(token: unknown, creatorPublicJwk: unknown, room: string, now: number, mode?: string): Result<JsonObject> {
  const v = verifyToken(token, creatorPublicJwk);
  if (!v.ok) return v; // token.* codes [TOK-06]
  const m = v.value.payload;
  if (m.room !== room) return fail('manifest.wrong-room', `room ${JSON.stringify(m.room)} is not ${JSON.stringify(room)}`);
  if (mode !== undefined && mode !== '' && m.mode !== mode) return fail('manifest.wrong-mode', `mode ${JSON.stringify(m.mode)} is not ${JSON.stringify(mode)}`);
  if (typeof m.exp !== 'number' || !(now < m.exp)) return fail('manifest.expired', `exp ${JSON.stringify(m.exp)} is not after now (${now})`); // [MAN-03]
  // Some allow-list is required; `domains` alone is not one [MAN-02].
  if (!nonEmptyArray(m.members) && !nonEmptyArray(m.mh) && !nonEmptyArray(m.agentKeys)) {
    return fail('manifest.no-members', 'no members, mh or agentKeys (domains alone are not an allow-list)');
  }
  return manifestShape(m);
}

/**
 * Is `identity` on the manifest [MAN-06]? With a non-empty `mh` only the hash counts (cleartext
 * `members` then holds just the rows the creator chose to reveal); otherwise canonical cleartext
 * equality. `domains` play no part here [MAN-07].
 */
export function manifestAdmits(m: JsonObject, identity: string): Result<boolean> {
  const shape = manifestShape(m);
  if (!shape.ok) return shape;
  if (identity === '') return ok(false);
  const mh = (m.mh ?? []) as string[];
  if (mh.length > 0) return ok(mh.includes(memberHash(identity, m.room as string)));
  const id = canonicalIdentity(identity);
  return ok(((m.members ?? []) as string[]).some((x) => canonicalIdentity(x) === id));
}

/**
 * An agent-only manifest opens the room to humans [MAN-08]: agents committed, no cleartext
 * members and no domains. Upstream does not look at `mh` here (see PRES-85 for the hardening).
 */
export function humansOpen(m: JsonObject): Result<boolean> {
  const shape = manifestShape(m);
  if (!shape.ok) return shape;
  return ok(nonEmptyArray(m.agentKeys) && !nonEmptyArray(m.members) && !nonEmptyArray(m.domains));
}

export const isManifestObject = isJsonObject;
