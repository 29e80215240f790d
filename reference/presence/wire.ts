// The presence-plane frames this machine reads and writes. Their schemas are chapter 7's
// (schemas/src/presence.ts); chapter 8 says what they do. Parsed frames are those schema types
// with `null` members normalised to absent (chapter 7 reads "absent or null" alike): an absent
// member of a parsed `voice` or `knock` is `undefined`. Parsing never throws: a frame of the wrong
// shape is `null`, and the caller drops it as `presence.malformed` [PRES-03].
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import type { CallMember as WireMember, KnockMsg, LobbyStatus as WireLobbyStatus, RosterMsg, VoiceMsg } from '../../schemas/src/presence.ts';

/** A schema type with its nullable members made plain optional ones. */
type Plain<T> = { [K in keyof T]: Exclude<T[K], null> };

export type CallMember = Plain<Pick<WireMember, 'id' | 'name' | 'cam' | 'avatar'>> & { meta?: JsonObject };
/** `name` may be absent: the coordinator substitutes "Guest", as for an empty one. */
export type VoiceFrame = Plain<Pick<VoiceMsg, 't' | 'on' | 'cam' | 'avatar' | 'voiceId' | 'token' | 'jwt' | 'agentAssertion' | 'agentCredit'>> & { name?: string; meta?: JsonObject };
export type KnockFrame = Plain<Pick<KnockMsg, 't' | 'avatar' | 'token' | 'voiceId' | 'jwt' | 'agentAssertion' | 'agentCredit'>> & { name?: string };
export type ClientFrame =
  | VoiceFrame
  | KnockFrame
  | { t: 'ping' }
  | { t: 'leave' }
  | { t: 'mod'; token: JsonValue | undefined }
  | { t: 'unknown' };

export type LobbyStatus = WireLobbyStatus;
export const LOBBY_STATUSES: readonly LobbyStatus[] = ['waiting', 'admitted', 'denied', 'locked', 'unverified'];

export type RosterFrame = Plain<Pick<RosterMsg, 't' | 'lobby' | 'host' | 'locked'>> & { members: CallMember[] };
export type AuthorityFrame = RosterFrame | { t: 'ping' } | { t: 'lobby'; status: LobbyStatus } | { t: 'kick' } | { t: 'reset' } | { t: 'unknown' };

// Chapter 7: an optional member that is absent or null means the same thing.
const absent = (v: unknown): boolean => v === undefined || v === null;
const optStr = (o: JsonObject, k: string): boolean => absent(o[k]) || typeof o[k] === 'string';
const optBool = (o: JsonObject, k: string): boolean => absent(o[k]) || typeof o[k] === 'boolean';
const optObj = (o: JsonObject, k: string): boolean => absent(o[k]) || isJsonObject(o[k]);

/** Copies the members that are present, so a parsed frame never carries undefined or null. */
function pick<T>(o: JsonObject, keys: readonly string[], base: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const k of keys) if (!absent(o[k])) out[k] = o[k];
  return out as T;
}

/** The optional string members of `voice` and `knock`, all checked by `identityStrings`. */
const identityStrings = (o: JsonObject): boolean =>
  optStr(o, 'name') && optStr(o, 'avatar') && optStr(o, 'voiceId') && optStr(o, 'token') && optStr(o, 'jwt') &&
  optStr(o, 'agentAssertion') && optStr(o, 'agentCredit'); // the agent credentials of chapter 13 [PRES-100]

/**
 * A frame a participant sent to the coordinator [PRES-03]; `null` when a known kind is malformed.
 * `voice` and `knock` are the frames every participant repeats every few seconds, so they are
 * read member by member into objects of one fixed shape (no generic copy on the hot path).
 */
export function parseClientFrame(raw: unknown): ClientFrame | null {
  if (!isJsonObject(raw) || typeof raw.t !== 'string') return null;
  const o = raw;
  switch (o.t) {
    case 'voice': {
      if (typeof o.on !== 'boolean' || !optBool(o, 'cam') || !identityStrings(o) || !optObj(o, 'meta')) return null;
      const f: VoiceFrame = { t: 'voice', on: o.on, cam: o.cam === true, name: undefined, avatar: undefined, voiceId: undefined, token: undefined, meta: undefined, jwt: undefined, agentAssertion: undefined, agentCredit: undefined };
      setIdentity(f, o);
      if (!absent(o.meta)) f.meta = o.meta as JsonObject;
      return f;
    }
    case 'knock': {
      if (!identityStrings(o)) return null;
      const f: KnockFrame = { t: 'knock', name: undefined, avatar: undefined, voiceId: undefined, token: undefined, jwt: undefined, agentAssertion: undefined, agentCredit: undefined };
      setIdentity(f, o);
      return f;
    }
    case 'ping':
      return PING_FRAME;
    case 'leave':
      return LEAVE_FRAME;
    case 'mod':
      return { t: 'mod', token: o.token }; // the verifier names what is wrong with it [HCMD-08]
    default:
      return UNKNOWN_FRAME; // additive protocol: a kind we do not know is ignored [PRES-03]
  }
}
const PING_FRAME: ClientFrame = Object.freeze({ t: 'ping' });
const LEAVE_FRAME: ClientFrame = Object.freeze({ t: 'leave' });
const UNKNOWN_FRAME: ClientFrame = Object.freeze({ t: 'unknown' });

/** Copies the identity strings; an absent or null one stays undefined (same shape for every frame). */
function setIdentity(f: { name?: string; avatar?: string; voiceId?: string; token?: string; jwt?: string; agentAssertion?: string; agentCredit?: string }, o: JsonObject): void {
  if (!absent(o.name)) f.name = o.name as string;
  if (!absent(o.avatar)) f.avatar = o.avatar as string;
  if (!absent(o.voiceId)) f.voiceId = o.voiceId as string;
  if (!absent(o.token)) f.token = o.token as string;
  if (!absent(o.jwt)) f.jwt = o.jwt as string;
  if (!absent(o.agentAssertion)) f.agentAssertion = o.agentAssertion as string;
  if (!absent(o.agentCredit)) f.agentCredit = o.agentCredit as string;
}

function parseMember(v: unknown): CallMember | null {
  if (!isJsonObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.cam !== 'boolean') return null;
  if (!optStr(v, 'avatar') || !optObj(v, 'meta')) return null;
  return pick<CallMember>(v, ['avatar', 'meta'], { id: v.id, name: v.name, cam: v.cam });
}

/** A frame the coordinator sent to a participant; `null` when a known kind is malformed. */
export function parseAuthorityFrame(raw: unknown): AuthorityFrame | null {
  if (!isJsonObject(raw) || typeof raw.t !== 'string') return null;
  const o = raw;
  switch (o.t) {
    case 'roster': {
      if (!Array.isArray(o.members) || !optBool(o, 'lobby') || !optBool(o, 'locked') || !optStr(o, 'host')) return null;
      const members = o.members.map(parseMember);
      if (members.some((m) => m === null)) return null;
      return pick<RosterFrame>(o, ['lobby', 'host', 'locked'], { t: 'roster', members: members as CallMember[] });
    }
    case 'lobby':
      return LOBBY_STATUSES.includes(o.status as LobbyStatus) ? { t: 'lobby', status: o.status as LobbyStatus } : null;
    case 'ping':
    case 'kick':
    case 'reset':
      return { t: o.t };
    default:
      return { t: 'unknown' };
  }
}

/** A member object as JSON, without absent members (what goes into a roster frame) [PRES-18]. */
export function memberJson(m: CallMember): JsonObject {
  const out: JsonObject = { id: m.id, name: m.name, cam: m.cam };
  if (m.avatar !== undefined) out.avatar = m.avatar;
  if (m.meta !== undefined) out.meta = m.meta;
  return out;
}
