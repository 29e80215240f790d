// Text helpers whose exact behaviour is normative (spec/01-conventions.md): implementations
// in other languages get these wrong most often, so they live in one place.

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading BOM is kept (and so
// rejected by JSON parsing) instead of being silently stripped [CONV-13].
const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (text: string): Uint8Array => utf8Encoder.encode(text);

/** Strict UTF-8 decode; null on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** ASCII bytes of a string known to be ASCII (base64url text is). */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/**
 * The trim of [CONV-08]: removes leading and trailing code points from the ECMAScript
 * WhiteSpace and LineTerminator sets (and nothing else: not U+0085, not U+001C..U+001F).
 * That is exactly String.prototype.trim, which is what upstream calls.
 */
export const trimEcma = (text: string): string => text.trim();

/**
 * The lower-casing of [CONV-09]: Unicode default full lower-case mapping, locale-independent
 * (String.prototype.toLowerCase). For the ASCII strings honest peers exchange this is A-Z -> a-z.
 */
export const lowerUnicode = (text: string): string => text.toLowerCase();

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Equal-length constant-time comparison of two ASCII strings (no early exit). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
