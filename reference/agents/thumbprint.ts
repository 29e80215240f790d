// The short, stable id of an agent's public key [AGT-10]: the RFC 7638 thumbprint of an EC key,
// B64U(SHA-256(UTF-8(JSON text of {crv, kty, x, y}))) with exactly those members in that
// (lexicographic) order and no whitespace. Upstream's `agentKeyThumbprint`.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../encoding/base64url.ts';
import { utf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';
import { importPublicJwk } from '../token/keys.ts';

/** The thumbprint of a valid P-256 public JWK; any other value is `key.bad-jwk` [AGT-10], [TOK-05]. */
export function agentKeyThumbprint(jwk: unknown): Result<string> {
  const key = importPublicJwk(jwk);
  if (!key.ok) return fail('key.bad-jwk', key.error.message);
  const k = jwk as { crv: string; kty: string; x: string; y: string };
  // Members other than these four (d, ext, key_ops, kid, …) never enter the thumbprint.
  const canon = JSON.stringify({ crv: k.crv, kty: k.kty, x: k.x, y: k.y });
  return ok(encodeBase64url(sha256(utf8(canon))));
}
