// Agent key assertions (spec/13-agents.md 13.2): an AI agent proves, at the coordinator's door,
// that it holds a key the room creator allow-listed AND that it is the peer presenting this
// connection's DTLS certificate. The statement is a compact signed token ([TOK-01]) over
// {k, room, fp, iat}; the fingerprint inside it is what binds it to one connection [AGT-06].
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { canonicalFingerprint, readableFingerprint } from '../certbinding/fingerprint.ts';
import { fail, ok, type Result } from '../result.ts';
import { serializePayload, signBody, verifyToken } from '../token/compact.ts';
import { importPrivateJwk, importPublicJwk } from '../token/keys.ts';
import { ASSERTION_KIND, ASSERTION_LEEWAY_S, ASSERTION_MAX_AGE_S } from './constants.ts';
import { sanitizeGrant, type Grant } from './grant.ts';
import { agentKeyThumbprint } from './thumbprint.ts';

/** The payload in signing order [AGT-01]. */
export function assertionPayload(room: string, fp: string, iat: number): JsonObject {
  return { k: ASSERTION_KIND, room, fp: canonicalFingerprint(fp), iat };
}

export interface SignAssertionArgs {
  privateJwk: unknown;
  /** The room id (ROOM-05). */
  room: string;
  /** The agent's own certificate fingerprint; written canonicalised. */
  fp: string;
  /** Integer epoch seconds. */
  iat: number;
  randomizedSignature?: boolean;
}

/** [AGT-02] Key first, then the room, then the fingerprint; then sign [TOK-01..TOK-03]. */
export function signAssertion(args: SignAssertionArgs): Result<string> {
  const secret = importPrivateJwk(args.privateJwk);
  if (!secret.ok) return fail('key.bad-jwk', secret.error.message);
  if (args.room === '') return fail('agent.no-room', 'no room id to bind the assertion to');
  if (!readableFingerprint(args.fp)) return fail('agent.no-fp', 'no certificate fingerprint to bind the assertion to');
  const json = serializePayload(assertionPayload(args.room, args.fp, args.iat));
  return ok(signBody(secret.value, json, { randomized: args.randomizedSignature }));
}

/** One allow-list entry of a manifest's `agentKeys` [MAN-01]: `{key, caps?, label?}`. */
export type AllowEntry = JsonValue;

export interface VerifyAssertionArgs {
  assertion: unknown;
  /** The allow-list, in manifest order. */
  allowed: unknown;
  /** The room id the coordinator serves. */
  room: string;
  /** The live remote fingerprint of the presence connection (null: unreadable). */
  remoteFp: string | null | undefined;
  now: number;
}

export interface VerifiedAgent {
  /** RFC 7638 thumbprint of the key that verified [AGT-10]. */
  keyId: string;
  /** The matched entry's grant, sanitized, when the entry carries one [AGT-08]. */
  caps?: Grant;
  /** The matched entry's label, when it is a string (display only). */
  label?: string;
  /** Index of the matched entry in the allow-list. */
  entry: number;
}

/** JavaScript truthiness of a JSON value (upstream tests `entry.caps` this way). */
const truthy = (v: JsonValue | undefined): boolean => !(v === undefined || v === null || v === false || v === 0 || v === '');

/**
 * Verification in the order of [AGT-06]. The allow-list is walked in order; an entry whose key is
 * unusable is skipped [AGT-09]; the first key under which the token verifies decides, and a claim
 * that then fails is a rejection, never a reason to try the next key [AGT-07].
 */
export function verifyAssertion(args: VerifyAssertionArgs): Result<VerifiedAgent> {
  if (typeof args.assertion !== 'string' || args.assertion === '') return fail('agent.missing', 'no assertion');
  if (!readableFingerprint(args.remoteFp)) return fail('agent.no-remote-fp', 'the connection certificate is unreadable: fail closed');
  const allowed = Array.isArray(args.allowed) ? args.allowed : [];
  if (allowed.length === 0) return fail('agent.no-allowed-keys', 'the room allow-lists no agent keys');
  for (let i = 0; i < allowed.length; i++) {
    const entry = allowed[i];
    if (!isJsonObject(entry) || !importPublicJwk(entry.key).ok) continue; // a bad entry never sinks the check [AGT-09]
    const v = verifyToken(args.assertion, entry.key);
    if (!v.ok) continue; // not this key's signature: try the next one
    return checkClaims(v.value.payload, entry, i, args);
  }
  return fail('agent.not-allowed', 'no allow-listed key verifies the assertion');
}

function checkClaims(p: JsonObject, entry: JsonObject, index: number, args: VerifyAssertionArgs): Result<VerifiedAgent> {
  if (p.k !== ASSERTION_KIND) return fail('agent.wrong-kind', `k is ${JSON.stringify(p.k)}, not ${ASSERTION_KIND}`);
  if (p.room !== args.room) return fail('agent.wrong-room', `room ${JSON.stringify(p.room)} is not ${JSON.stringify(args.room)}`);
  if (typeof p.fp !== 'string' || canonicalFingerprint(p.fp) !== canonicalFingerprint(args.remoteFp as string)) {
    return fail('agent.not-cert-bound', 'fp does not name the certificate of this connection');
  }
  if (typeof p.iat !== 'number') return fail('agent.no-iat', 'iat is missing or not a number');
  if (p.iat - args.now > ASSERTION_LEEWAY_S) return fail('agent.future', `iat is ${p.iat - args.now} s ahead (limit ${ASSERTION_LEEWAY_S})`);
  if (args.now - p.iat > ASSERTION_MAX_AGE_S) return fail('agent.stale', `iat is ${args.now - p.iat} s old (limit ${ASSERTION_MAX_AGE_S})`);
  const keyId = agentKeyThumbprint(entry.key);
  if (!keyId.ok) return keyId; // unreachable: the key imported above
  const out: VerifiedAgent = { keyId: keyId.value, entry: index };
  if (truthy(entry.caps)) out.caps = sanitizeGrant(entry.caps ?? null); // [AGT-08]
  if (typeof entry.label === 'string') out.label = entry.label;
  return ok(out);
}
