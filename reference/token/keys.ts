// P-256 keys travel as JWK [TOK-05]. Import is strict about what a P-256 public key is
// (curve, coordinate lengths, point on curve) and ignores extra members browsers add
// (`ext`, `key_ops`), as WebCrypto import does.
import { p256 } from '@noble/curves/nist.js';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.ts';
import { fail, ok, type Result } from '../result.ts';

export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}
export interface EcPrivateJwk extends EcPublicJwk {
  d: string;
}

function field(jwk: Record<string, unknown>, name: string, bytes: number): Uint8Array | null {
  const v = jwk[name];
  if (typeof v !== 'string') return null;
  const r = decodeBase64url(v);
  return r.ok && r.value.length === bytes ? r.value : null;
}

/** Uncompressed SEC1 public key bytes (65) from a P-256 public JWK. */
export function importPublicJwk(jwk: unknown): Result<Uint8Array> {
  if (typeof jwk !== 'object' || jwk === null) return fail('key.bad-jwk', 'JWK is not an object');
  const k = jwk as Record<string, unknown>;
  if (k.kty !== 'EC' || k.crv !== 'P-256') return fail('key.bad-jwk', 'JWK is not kty EC / crv P-256');
  const x = field(k, 'x', 32);
  const y = field(k, 'y', 32);
  if (!x || !y) return fail('key.bad-jwk', 'x and y must be 32-byte base64url');
  const sec1 = new Uint8Array(65);
  sec1[0] = 4;
  sec1.set(x, 1);
  sec1.set(y, 33);
  try {
    p256.Point.fromBytes(sec1).assertValidity();
  } catch {
    return fail('key.bad-jwk', 'point is not on P-256');
  }
  return ok(sec1);
}

/** The 32-byte secret scalar from a P-256 private JWK (its public part must match), checked in the order of [TOK-11]. */
export function importPrivateJwk(jwk: unknown): Result<Uint8Array> {
  const pub = importPublicJwk(jwk);
  if (!pub.ok) return pub;
  const d = field(jwk as Record<string, unknown>, 'd', 32);
  if (!d) return fail('key.bad-jwk', 'd must be a 32-byte base64url scalar');
  let derived: Uint8Array;
  try {
    derived = p256.getPublicKey(d, false);
  } catch {
    return fail('key.bad-jwk', 'd is not a valid P-256 scalar');
  }
  if (encodeBase64url(derived) !== encodeBase64url(pub.value)) return fail('key.bad-jwk', 'd does not match x/y');
  return ok(d);
}

export function publicJwkFromSecret(secret: Uint8Array): EcPublicJwk {
  const pub = p256.getPublicKey(secret, false);
  return { kty: 'EC', crv: 'P-256', x: encodeBase64url(pub.slice(1, 33)), y: encodeBase64url(pub.slice(33)) };
}

export function privateJwkFromSecret(secret: Uint8Array): EcPrivateJwk {
  return { ...publicJwkFromSecret(secret), d: encodeBase64url(secret) };
}
