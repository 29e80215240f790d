// The cert-binding nonce [BIND-01..BIND-03]:
//   nonce = B64U(SHA-256(UTF-8(canonical(fp) [ "|" salt ])))
// An empty or absent salt means unsalted: no "|" is appended [BIND-03].
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../encoding/base64url.ts';
import { constantTimeEqual, utf8 } from '../encoding/text.ts';
import { canonicalFingerprint, readableFingerprint } from './fingerprint.ts';

/** The exact string that is hashed (an intermediate value vectors publish). */
export const nonceInput = (fp: string, salt?: string): string => canonicalFingerprint(fp) + (salt ? `|${salt}` : '');

export const certBindingNonce = (fp: string, salt?: string): string => encodeBase64url(sha256(utf8(nonceInput(fp, salt))));

/** Does a token's nonce bind to the certificate seen on this connection? [BIND-05] */
export function bindingMatches(tokenNonce: unknown, remoteFp: string | null | undefined, salt?: string): boolean {
  if (typeof tokenNonce !== 'string' || !tokenNonce || !readableFingerprint(remoteFp)) return false;
  return constantTimeEqual(tokenNonce, certBindingNonce(remoteFp, salt));
}
