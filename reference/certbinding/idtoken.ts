// Verifying a cert-bound OIDC ID token, in the order of spec/05-cert-binding.md section
// "ID-token verification" [IDT-01..IDT-17]. Fail-closed: every path that is not a success is a
// typed rejection; nothing throws.
import { importJWK } from 'jose';
import { decodeBase64url } from '../encoding/base64url.ts';
import { isJsonObject, parseJson, type JsonObject } from '../encoding/json.ts';
import { ascii, decodeUtf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';
import { bindingMatches } from './nonce.ts';

/** Largest ID token a receiver looks at, characters [IDT-01]. */
export const MAX_ID_TOKEN_CHARS = 8192;
/** Default clock leeway, seconds [IDT-10]. */
export const DEFAULT_LEEWAY_S = 60;
/** Shortest RSA modulus a candidate key may have, bits [IDT-23]. */
export const MIN_RSA_MODULUS_BITS = 2048;

export interface IdTokenVerifyArgs {
  jwt: unknown;
  /** A JWKS document `{keys: [...]}` from the issuer, already fetched and trusted. */
  jwks: unknown;
  issuers: readonly string[];
  audience: string;
  now: number;
  leeway?: number;
  maxAge?: number;
  /** Fingerprint of the certificate seen on the live connection (null: unreadable). */
  remoteFp: string | null;
  /** The room salt (normalized room id); '' means unsalted [BIND-03]. */
  salt: string;
}

function decodeSegment(seg: string): JsonObject | null {
  const bytes = decodeBase64url(seg);
  if (!bytes.ok) return null;
  const text = decodeUtf8(bytes.value);
  if (text === null) return null;
  const parsed = parseJson(text);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : null;
}

/** Upstream tests optional members for truthiness: absent, null and '' count as absent [IDT-05]. */
const absentish = (v: unknown): boolean => v === undefined || v === null || v === '';

/** JWKS entries that may verify an RS256 token with this header [IDT-05], [IDT-06]. */
export function candidateKeys(jwks: unknown, kid: unknown): JsonObject[] {
  const keys = isJsonObject(jwks) && Array.isArray(jwks.keys) ? jwks.keys : [];
  const rsa = keys.filter(
    (k): k is JsonObject =>
      isJsonObject(k) &&
      k.kty === 'RSA' &&
      typeof k.n === 'string' && k.n !== '' &&
      typeof k.e === 'string' && k.e !== '' &&
      (absentish(k.use) || k.use === 'sig') &&
      (absentish(k.alg) || k.alg === 'RS256'),
  );
  if (!kid) return rsa; // null, false, 0 and '' count as absent, as upstream's truthiness test has it
  return typeof kid === 'string' || typeof kid === 'number' ? rsa.filter((k) => k.kid === kid) : [];
}

/** Bit length of a base64url big-endian modulus, leading zeros ignored; 0 when it does not decode. */
export function modulusBits(n: string): number {
  const bytes = decodeBase64url(n);
  if (!bytes.ok) return 0;
  const b = bytes.value;
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return i === b.length ? 0 : (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]!));
}

async function rs256Verifies(jwk: JsonObject, signingInput: Uint8Array, signature: Uint8Array): Promise<boolean> {
  // A short modulus counts as a key that cannot be imported: it never verifies [IDT-23].
  if (modulusBits(jwk.n as string) < MIN_RSA_MODULUS_BITS) return false;
  try {
    // Only n and e are imported and the algorithm is pinned here, never taken from the token [IDT-03].
    const key = await importJWK({ kty: 'RSA', n: jwk.n as string, e: jwk.e as string }, 'RS256');
    if (!(key instanceof CryptoKey)) return false;
    return await crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, signature as BufferSource, signingInput as BufferSource);
  } catch {
    return false; // bad key material: try the next candidate
  }
}

export interface ParsedJwt {
  header: JsonObject;
  claims: JsonObject;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/** [IDT-01], [IDT-02] */
export function parseIdToken(jwt: unknown): Result<ParsedJwt> {
  if (typeof jwt !== 'string') return fail('idtoken.malformed', 'token is not a string');
  if (jwt.length > MAX_ID_TOKEN_CHARS) return fail('idtoken.oversize', `token is ${jwt.length} characters (limit ${MAX_ID_TOKEN_CHARS})`);
  const parts = jwt.split('.');
  if (parts.length !== 3) return fail('idtoken.malformed', `a JWS has 3 parts, this has ${parts.length}`);
  const [h, p, s] = parts as [string, string, string];
  const header = decodeSegment(h);
  const claims = decodeSegment(p);
  const signature = decodeBase64url(s);
  if (!header || !claims || !signature.ok) return fail('idtoken.malformed', 'header, payload or signature does not decode');
  // The bytes as received, never re-encoded [IDT-07].
  return ok({ header, claims, signingInput: ascii(`${h}.${p}`), signature: signature.value });
}

/** [IDT-03], [IDT-04], [IDT-24] */
export function checkHeader(header: JsonObject): Result<true> {
  if (header.alg !== 'RS256') return fail('idtoken.unsupported-alg', `alg ${JSON.stringify(header.alg)} is not RS256`);
  if (header.typ !== undefined && header.typ !== 'JWT') return fail('idtoken.bad-typ', `typ ${JSON.stringify(header.typ)} is not JWT`);
  // No extension is defined, so any crit names one this verifier does not understand (RFC 7515 4.1.11).
  if (header.crit !== undefined) return fail('idtoken.unsupported-crit', 'the header has a crit member; no extension is understood');
  return ok(true);
}

/** [IDT-05] to [IDT-07] */
export async function checkSignature(jwt: ParsedJwt, jwks: unknown): Promise<Result<true>> {
  const kid = jwt.header.kid;
  const candidates = candidateKeys(jwks, kid);
  if (candidates.length === 0) return fail('idtoken.no-key', kid ? `no RS256 key with kid ${JSON.stringify(kid)}` : 'no usable RS256 key');
  for (const jwk of candidates) if (await rs256Verifies(jwk, jwt.signingInput, jwt.signature)) return ok(true);
  return fail('idtoken.bad-signature', 'no candidate key verifies the signature');
}

/** [IDT-08] to [IDT-16] */
export function checkClaims(claims: JsonObject, args: Pick<IdTokenVerifyArgs, 'issuers' | 'audience' | 'now' | 'leeway' | 'maxAge'>): Result<true> {
  if (typeof claims.iss !== 'string' || !args.issuers.includes(claims.iss)) {
    return fail('idtoken.bad-iss', `iss ${JSON.stringify(claims.iss)} is not an accepted issuer`);
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(args.audience)) return fail('idtoken.bad-aud', `aud does not contain ${JSON.stringify(args.audience)}`);
  const leeway = args.leeway ?? DEFAULT_LEEWAY_S;
  const now = args.now;
  if (typeof claims.exp !== 'number' || now >= claims.exp + leeway) return fail('idtoken.expired', 'exp is missing or past (with leeway)');
  if (typeof claims.nbf === 'number' && now < claims.nbf - leeway) return fail('idtoken.not-yet-valid', 'nbf is in the future (with leeway)');
  if (typeof claims.iat === 'number') {
    if (claims.iat > now + leeway) return fail('idtoken.future-iat', 'iat is in the future (with leeway)');
    if (args.maxAge !== undefined && now - claims.iat > args.maxAge) return fail('idtoken.too-old', `iat is more than ${args.maxAge} s old`);
  } else if (args.maxAge !== undefined) {
    return fail('idtoken.no-iat', 'a maximum age is configured but the token has no numeric iat'); // hardening
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') return fail('idtoken.no-sub', 'sub is missing or not a non-empty string');
  if (claims.email_verified !== true || typeof claims.email !== 'string' || claims.email === '') {
    return fail('idtoken.email-not-verified', 'email_verified must be the boolean true and email non-empty');
  }
  return ok(true);
}

/** [IDT-17], [BIND-05] */
export function checkBinding(claims: JsonObject, remoteFp: string | null, salt: string): Result<true> {
  return bindingMatches(claims.nonce, remoteFp, salt)
    ? ok(true)
    : fail('idtoken.binding-mismatch', 'nonce does not bind to the certificate of this connection');
}

/** The steps in the order of [IDT-18]; the first failure is the answer. */
export async function verifyIdToken(args: IdTokenVerifyArgs): Promise<Result<{ claims: JsonObject }>> {
  const jwt = parseIdToken(args.jwt);
  if (!jwt.ok) return jwt;
  const steps: (() => Result<true> | Promise<Result<true>>)[] = [
    () => checkHeader(jwt.value.header),
    () => checkSignature(jwt.value, args.jwks),
    () => checkClaims(jwt.value.claims, args),
    () => checkBinding(jwt.value.claims, args.remoteFp, args.salt),
  ];
  for (const step of steps) {
    const r = await step();
    if (!r.ok) return r;
  }
  return ok({ claims: jwt.value.claims });
}
