// Fingerprint text form [CONV-10] and canonicalisation [CONV-11]: trim, then lower-case,
// nothing else (separators are kept, an algorithm prefix is not stripped).
import { lowerUnicode, trimEcma } from '../encoding/text.ts';

export const canonicalFingerprint = (fp: string): string => lowerUnicode(trimEcma(fp));

/** A fingerprint is unreadable when absent, null, or empty after canonicalisation [HCMD-09], [BIND-05]. */
export const readableFingerprint = (fp: string | null | undefined): fp is string => typeof fp === 'string' && canonicalFingerprint(fp) !== '';
