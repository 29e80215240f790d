// Long values in reports are cut in the middle, never at the front or the end: the start says what
// the value is, the end is often where two values differ (a signature, a trailing byte).
export function elideText(s: string, max = 400): string {
  if (s.length <= max) return s;
  const keep = Math.max(20, Math.floor((max - 30) / 2));
  return `${s.slice(0, keep)}… (${s.length - 2 * keep} characters elided) …${s.slice(-keep)}`;
}

/** A JSON value as one line, elided in the middle when long. */
export function showValue(v: unknown, max = 400): string {
  const s = typeof v === 'string' && v.startsWith('⟨elided⟩ ') ? v.slice('⟨elided⟩ '.length) : JSON.stringify(v);
  return elideText(s === undefined ? 'undefined' : s, max);
}

/** For the JSON report: a value kept as is when small, else its elided JSON text (marked). */
export function boundValue(v: unknown, max = 4000): unknown {
  const s = JSON.stringify(v);
  return s !== undefined && s.length > max ? `⟨elided⟩ ${elideText(s, max)}` : v;
}
