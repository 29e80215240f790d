// The compact signed token of spec/03-signed-token.md, shared by host commands, invites,
// manifests and agent assertions:
//   token = B64U(UTF-8(JSON)) "." B64U(r || s)
// where the ECDSA P-256/SHA-256 signature covers the ASCII of the *base64url text* of the body,
// not the JSON bytes [TOK-02], and r || s is the 64-byte IEEE P1363 form, not DER [TOK-03].
import { p256 } from '@noble/curves/nist.js';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.ts';
import { isJsonObject, parseJson, type JsonObject } from '../encoding/json.ts';
import { ascii, decodeUtf8, utf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';
import { importPublicJwk } from './keys.ts';
import { verifyP256 } from './p256-verify.ts';

export interface VerifiedToken {
  /** The parsed body; a JSON object [TOK-01]. */
  payload: JsonObject;
  /** The body segment exactly as received (the signed text). */
  body: string;
}

/**
 * Signs a body that is already serialised. Serialisation is the caller's job because the
 * exact bytes matter to vectors: see serializePayload. `extraEntropy` false gives RFC 6979
 * deterministic signatures, so vectors reproduce; verifiers must not care [TOK-04].
 */
export function signBody(secret: Uint8Array, json: string, opts: { randomized?: boolean } = {}): string {
  const body = encodeBase64url(utf8(json));
  const sig = p256.sign(ascii(body), secret, { extraEntropy: opts.randomized ?? false });
  return `${body}.${encodeBase64url(sig)}`;
}

/** ECMAScript JSON.stringify: no whitespace, insertion order, minimal escaping [CONV-15]. */
export const serializePayload = (payload: JsonObject): string => JSON.stringify(payload);

/** Splits at the first '.' [TOK-07]. */
export function splitToken(token: string): Result<{ body: string; sig: string }> {
  const dot = token.indexOf('.');
  if (dot < 1 || dot === token.length - 1) {
    return fail('token.malformed', 'a token is <body>.<signature> with both parts non-empty');
  }
  return ok({ body: token.slice(0, dot), sig: token.slice(dot + 1) });
}

/** Verification in the order of spec/03-signed-token.md section "Verification" [TOK-06]. */
export function verifyToken(token: unknown, publicJwk: unknown): Result<VerifiedToken> {
  const key = importPublicJwk(publicJwk);
  if (!key.ok) return fail('token.bad-key', key.error.message);
  if (typeof token !== 'string') return fail('token.malformed', 'token is not a string');
  const parts = splitToken(token);
  if (!parts.ok) return parts;
  const { body, sig } = parts.value;
  const bodyBytes = decodeBase64url(body);
  if (!bodyBytes.ok) return fail('token.bad-encoding', `body: ${bodyBytes.error.message}`);
  const sigBytes = decodeBase64url(sig);
  if (!sigBytes.ok) return fail('token.bad-encoding', `signature: ${sigBytes.error.message}`);
  if (sigBytes.value.length !== 64) {
    return fail('token.bad-signature', `signature is ${sigBytes.value.length} bytes; r||s is 64 (DER is not accepted)`);
  }
  // High-S accepted, as WebCrypto (and so upstream) does [TOK-08]; never throws.
  const valid = verifyP256(sigBytes.value, ascii(body), key.value);
  if (!valid) return fail('token.bad-signature', 'signature does not verify over the base64url text of the body');
  const text = decodeUtf8(bodyBytes.value);
  if (text === null) return fail('token.bad-payload', 'body is not valid UTF-8');
  const parsed = parseJson(text);
  if (!parsed.ok) return fail('token.bad-payload', 'body is not JSON');
  if (!isJsonObject(parsed.value)) return fail('token.bad-payload', 'body is JSON but not an object');
  return ok({ payload: parsed.value, body });
}
