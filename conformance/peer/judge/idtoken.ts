// Cert-bound ID tokens minted by the harness for the identity checks: RS256 with the fixed test
// provider of vectors/fixtures/rsa-keys.json (the harness's oracle), the nonce of BIND-01 bound to
// one certificate and the room id as salt (BIND-02).
import { bindingNonce } from '../../oracles/fingerprint.ts';
import { providerJwks, providerKid, rs256 } from '../../oracles/rs256.ts';
import type { JsonObject } from '../../lib/json.ts';

export const TEST_ISSUER = 'https://issuer.kibitz-conformance.test';
export const TEST_AUDIENCE = 'kibitz-conformance-peer';

/** The gate configuration of peer.join that trusts the test provider. */
export function testGate(): JsonObject {
  return { jwks: providerJwks(), issuers: [TEST_ISSUER], audience: TEST_AUDIENCE };
}

export function boundIdToken(email: string, fp: string, roomId: string): string {
  const now = Math.floor(Date.now() / 1000);
  return rs256(
    { alg: 'RS256', kid: providerKid(), typ: 'JWT' },
    { iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: email, email, email_verified: true, nonce: bindingNonce(fp, roomId), iat: now, exp: now + 600 },
  );
}
