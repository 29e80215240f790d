// Join codes [CODE-01], [CODE-02]: short, say-aloud codes a host hands out and keeps to itself
// (they never ride a link). The alphabet drops look-alikes (no I, L, O, 0, 1).
import { trimEcma } from '../encoding/text.ts';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_GROUPS = 2;
export const CODE_GROUP_LENGTH = 3;

/**
 * Character i is ALPHABET[byte_i mod 31] (a missing byte counts as 0); groups are joined by '-'.
 * `mod 31` is slightly biased: bytes 0..247 cover each character 8 times and 248..255 add a ninth
 * chance to A..H, about 29.71 bits for 6 characters instead of 29.73 [CODE-01].
 */
export function formatCode(bytes: Uint8Array, groups = CODE_GROUPS, perGroup = CODE_GROUP_LENGTH): string {
  const out: string[] = [];
  let i = 0;
  for (let g = 0; g < groups; g++) {
    let s = '';
    for (let k = 0; k < perGroup; k++) s += CODE_ALPHABET[(bytes[i++] ?? 0) % CODE_ALPHABET.length];
    out.push(s);
  }
  return out.join('-');
}

/** Compares every character of the longer string, whatever the lengths and the first difference. */
export function lengthIndependentEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

export interface CodeEntry {
  name: string;
  code: string;
}

/**
 * [CODE-02] The submitted code, trimmed, against every entry's trimmed code (an empty one never
 * matches), case-sensitively. Every entry is compared even after a hit, so the time does not say
 * which entry matched; when several match, the last one wins.
 */
export function matchCode(entries: readonly CodeEntry[], submitted: string): CodeEntry | null {
  const s = trimEcma(submitted);
  if (s === '') return null;
  let found: CodeEntry | null = null;
  for (const e of entries) {
    const code = trimEcma(e.code);
    if (code !== '' && lengthIndependentEqual(s, code)) found = e;
  }
  return found;
}
