// The canonical form of a roster identity (an e-mail address or a name) [MAN-04]: NFKC first, so
// compatibility-equivalent spellings meet, then trim [CONV-08], then lower-case [CONV-09]. The
// order is normative: NFKC can turn a leading character into a space (U+00A8 becomes " \u0308"),
// and lower-casing before NFKC leaves mathematical capitals (U+1D400) upper-case.
import { lowerUnicode, trimEcma } from '../encoding/text.ts';

export const canonicalIdentity = (s: string): string => lowerUnicode(trimEcma(s.normalize('NFKC')));
