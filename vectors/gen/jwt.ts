// Deterministic JWT construction for ID-token vectors. RS256 (RSASSA-PKCS1-v1_5) signatures are
// deterministic, so every token reproduces exactly from the fixed keys.
import { createHmac, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { ascii, utf8 } from '../../reference/encoding/text.ts';
import { b64u } from './craft.ts';

export const seg = (v: unknown): string => b64u(utf8(JSON.stringify(v)));

export function rs256(privateJwk: JsonObject, header: JsonObject, claims: JsonObject): string {
  const input = `${seg(header)}.${seg(claims)}`;
  const key = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  return `${input}.${b64u(new Uint8Array(sign('sha256', ascii(input), key)))}`;
}

/** The classic algorithm-confusion token: HS256 keyed with the provider's public key PEM. */
export function hs256WithPublicPem(privateJwk: JsonObject, header: JsonObject, claims: JsonObject): string {
  const input = `${seg(header)}.${seg(claims)}`;
  const pem = createPublicKey({ key: privateJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  return `${input}.${b64u(new Uint8Array(createHmac('sha256', pem).update(input).digest()))}`;
}

export function es256(secret: Uint8Array, header: JsonObject, claims: JsonObject): string {
  const input = `${seg(header)}.${seg(claims)}`;
  return `${input}.${b64u(p256.sign(ascii(input), secret, { extraEntropy: false }))}`;
}

export const unsigned = (header: JsonObject, claims: JsonObject): string => `${seg(header)}.${seg(claims)}.`;
