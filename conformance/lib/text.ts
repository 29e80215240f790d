// UTF-8 for the harness: encoding, and a strict decoder (invalid sequences and a kept BOM are
// errors, never U+FFFD), so what the harness reads is exactly what the adapter sent.

const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** ASCII bytes of a string of code units below 0x80 (base64url text). */
export const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);

export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
