// The safety code (SAS) of spec/06-safety-code.md [SAS-04..SAS-08]:
//   pair   = sort([canonical(fpA), canonical(fpB)]) joined by "|"   (UTF-16 code-unit order)
//   digest = SHA-256(UTF-8(pair))
//   symbol i = ALPHABET[digest[i] & 0x1f]   (low five bits of byte i)
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';
import { canonicalFingerprint } from '../certbinding/fingerprint.ts';
import { SAS_SYMBOLS } from './alphabet.ts';

export const DEFAULT_SYMBOLS = 4;

/** UTF-16 code-unit order, i.e. ECMAScript's default sort; not code-point order [SAS-05]. */
export const compareUtf16 = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface SafetyCode {
  code: string;
  indices: number[];
  /** Intermediate values vectors publish for debugging. */
  pair: string;
  digestHex: string;
}

export function safetyCode(fpA: string, fpB: string, symbols = DEFAULT_SYMBOLS): Result<SafetyCode> {
  if (!Number.isInteger(symbols) || symbols < 1 || symbols > 32) {
    return fail('sas.bad-symbol-count', `symbols must be an integer in 1..32, got ${symbols}`);
  }
  const pair = [canonicalFingerprint(fpA), canonicalFingerprint(fpB)].sort(compareUtf16).join('|');
  const digest = sha256(utf8(pair));
  const indices = Array.from(digest.subarray(0, symbols), (b) => b & 0x1f);
  return ok({ code: indices.map((i) => SAS_SYMBOLS[i]).join(' '), indices, pair, digestHex: toHex(digest) });
}
