// The harness's model of CONV-11 (canonical fingerprint: ECMAScript trim, then full lower-case)
// and of the cert-binding nonce of BIND-01..BIND-03.
import { sha256 } from '@noble/hashes/sha2.js';
import { b64u } from '../lib/base64url.ts';
import { utf8 } from '../lib/text.ts';

export const canonicalFp = (fp: string): string => fp.trim().toLowerCase();

/** B64U(SHA-256(UTF-8(canonical(fp) ["|" salt]))); an empty or absent salt appends nothing. */
export const bindingNonce = (fp: string, salt?: string | null): string => b64u(sha256(utf8(canonicalFp(fp) + (salt ? `|${salt}` : ''))));
