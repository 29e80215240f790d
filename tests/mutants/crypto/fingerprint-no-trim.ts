// Canonicalises fingerprints by lower-casing only (no trim), everywhere fingerprints are compared
// or hashed: SAS, nonce and the canonical op.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../../../reference/encoding/base64url.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { SAS_SYMBOLS } from '../../../reference/sas/alphabet.ts';
import { mutant } from '../mutant.ts';

const canon = (s: string) => s.toLowerCase();
const m = mutant('fingerprint-no-trim', {
  bug: 'fingerprint canonicalisation without trim',
  breaks: 'CONV-11',
  mustFail: ['certbinding.canonical.surrounding-ascii-space', 'certbinding.nonce.golden-whitespace', 'sas.code.whitespace', 'prop.fingerprint.canonical.matches-reference'],
  ops: {
    'fingerprint.canonical': (i) => ({ ok: true, output: { fp: canon(String(i.fp)) } }),
    'certbinding.nonce': (i) => ({ ok: true, output: { nonce: encodeBase64url(sha256(utf8(canon(String(i.fp)) + (i.salt ? `|${String(i.salt)}` : '')))) } }),
    'sas.code': (i) => {
      const n = (i.symbols as number | undefined) ?? 4;
      const pair = [canon(String(i.fpA)), canon(String(i.fpB))].sort().join('|');
      const indices = Array.from(sha256(utf8(pair)).subarray(0, n), (b) => b & 31);
      return { ok: true, output: { code: indices.map((x) => SAS_SYMBOLS[x]).join(' '), indices } };
    },
  },
});
export const { info, run } = m;
export default m;
