// Hand-built tokens for negative and edge-case vectors: every way the compact-token envelope can
// be subtly wrong. Deterministic: RFC 6979 signatures throughout.
import { p256 } from '@noble/curves/nist.js';
import { encodeBase64url } from '../../reference/encoding/base64url.ts';
import { ascii, utf8 } from '../../reference/encoding/text.ts';

export const b64u = (bytes: Uint8Array): string => encodeBase64url(bytes);
export const bodyOf = (json: string): string => b64u(utf8(json));
export const bodyOfBytes = (bytes: Uint8Array): string => b64u(bytes);

/** A compact signature over arbitrary bytes. */
export const sigOver = (secret: Uint8Array, msg: Uint8Array): Uint8Array => p256.sign(msg, secret, { extraEntropy: false });

/** The correct token for a body text. */
export const tokenFor = (secret: Uint8Array, body: string): string => `${body}.${b64u(sigOver(secret, ascii(body)))}`;

/** Signature over the JSON bytes instead of the base64url text (a common port bug). */
export const tokenSignedOverJson = (secret: Uint8Array, json: string): string =>
  `${bodyOf(json)}.${b64u(sigOver(secret, utf8(json)))}`;

/** DER-encoded (ASN.1) signature instead of r||s. */
export const tokenWithDer = (secret: Uint8Array, body: string): string =>
  `${body}.${b64u(p256.sign(ascii(body), secret, { extraEntropy: false, format: 'der' }))}`;

/** The same statement with s replaced by n - s (valid under WebCrypto). */
export function tokenHighS(secret: Uint8Array, body: string): string {
  const sig = p256.Signature.fromBytes(sigOver(secret, ascii(body)));
  const n = p256.Point.Fn.ORDER;
  const high = new p256.Signature(sig.r, n - sig.s);
  return `${body}.${b64u(high.toBytes())}`;
}

/** A signature with a random-looking (but fixed) nonce, standing in for WebCrypto's randomised one. */
export const tokenRandomized = (secret: Uint8Array, body: string, entropy: Uint8Array): string =>
  `${body}.${b64u(p256.sign(ascii(body), secret, { extraEntropy: entropy }))}`;

/** r||s with chosen raw values (for zero and out-of-range scalars). */
export function rawSig(r: bigint, s: bigint): Uint8Array {
  const out = new Uint8Array(64);
  for (let i = 0; i < 32; i++) {
    out[31 - i] = Number((r >> BigInt(8 * i)) & 0xffn);
    out[63 - i] = Number((s >> BigInt(8 * i)) & 0xffn);
  }
  return out;
}

/** Pads base64url text to a multiple of 4 with '='. */
export const padded = (text: string): string => text + '='.repeat((4 - (text.length % 4)) % 4);

/** Sets the unused low bits of the last character (non-canonical encoding of the same bytes). */
export function dirtyTrailingBits(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unused = { 2: 4, 3: 2 }[text.length % 4 as 2 | 3];
  if (!unused) throw new Error('text has no unused bits');
  const last = alphabet.indexOf(text.at(-1)!);
  return text.slice(0, -1) + alphabet[last | 1]!;
}

/** Replaces URL-safe characters by their standard-alphabet twins (needs at least one present). */
export function standardAlphabet(text: string): string {
  if (!/[-_]/.test(text)) throw new Error('no - or _ to swap');
  return text.replace(/-/g, '+').replace(/_/g, '/');
}
