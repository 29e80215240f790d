// Joins the two fingerprints in call order (mine|theirs) instead of sorting them: the two peers
// then see different codes.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalFingerprint } from '../../../reference/certbinding/fingerprint.ts';
import { SAS_SYMBOLS } from '../../../reference/sas/alphabet.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mutant } from '../mutant.ts';

const m = mutant('sas-unsorted-pair', {
  bug: 'SAS pair not sorted before joining',
  breaks: 'SAS-05',
  // alice-bob: these two certificates sort as bob|alice, so only the (alice, bob) call order exposes it.
  mustFail: ['sas.code.alice-bob', 'prop.sas.symmetry'],
  ops: {
    'sas.code': (i) => {
      const n = (i.symbols as number | undefined) ?? 4;
      const d = sha256(utf8(`${canonicalFingerprint(String(i.fpA))}|${canonicalFingerprint(String(i.fpB))}`));
      const indices = Array.from(d.subarray(0, n), (b) => b & 31);
      return { ok: true, output: { code: indices.map((x) => SAS_SYMBOLS[x]).join(' '), indices } };
    },
  },
});
export const { info, run } = m;
export default m;
