// Sorts the pair by code points (Python/Rust/Swift default) instead of UTF-16 code units.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalFingerprint } from '../../../reference/certbinding/fingerprint.ts';
import { SAS_SYMBOLS } from '../../../reference/sas/alphabet.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mutant } from '../mutant.ts';

const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
  return x.length - y.length;
};

const m = mutant('sas-codepoint-sort', {
  bug: 'SAS pair sorted by code points, not UTF-16 code units',
  breaks: 'SAS-05',
  mustFail: ['sas.code.utf16-order', 'sas.code.utf16-order-swapped'],
  ops: {
    'sas.code': (i) => {
      const n = (i.symbols as number | undefined) ?? 4;
      const pair = [canonicalFingerprint(String(i.fpA)), canonicalFingerprint(String(i.fpB))].sort(byCodePoint).join('|');
      const indices = Array.from(sha256(utf8(pair)).subarray(0, n), (b) => b & 31);
      return { ok: true, output: { code: indices.map((x) => SAS_SYMBOLS[x]).join(' '), indices } };
    },
  },
});
export const { info, run } = m;
export default m;
