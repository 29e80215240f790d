// RS256 ID tokens for the ID-token properties, signed with the fixed test keys of
// vectors/fixtures/rsa-keys.json through node:crypto (RSASSA-PKCS1-v1_5 is deterministic).
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { b64u } from '../lib/base64url.ts';
import type { JsonObject } from '../lib/json.ts';
import { fromRoot } from '../lib/paths.ts';
import { utf8 } from '../lib/text.ts';

interface RsaJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
}

let loaded: { jwk: RsaJwk; key: KeyObject } | null = null;
function provider(): { jwk: RsaJwk; key: KeyObject } {
  if (!loaded) {
    const jwk = (JSON.parse(readFileSync(fromRoot('vectors', 'fixtures', 'rsa-keys.json'), 'utf8')) as { keys: Record<string, RsaJwk> }).keys['provider-1']!;
    loaded = { jwk, key: createPrivateKey({ key: jwk as never, format: 'jwk' }) };
  }
  return loaded;
}

export const providerKid = (): string => provider().jwk.kid;
export const providerJwks = (): JsonObject => {
  const { n, e, kid } = provider().jwk;
  return { keys: [{ kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' }] };
};

const seg = (v: unknown): string => b64u(utf8(JSON.stringify(v)));

/** header.claims.signature with an RS256 signature whatever the header says (alg-confusion inputs). */
export function rs256(header: JsonObject, claims: JsonObject): string {
  const input = `${seg(header)}.${seg(claims)}`;
  return `${input}.${b64u(new Uint8Array(sign('sha256', Buffer.from(input, 'ascii'), provider().key)))}`;
}
