// base64url per RFC 4648 section 5, as spec/01-conventions.md defines it for Kibitz:
// encoders emit no padding [CONV-04]; decoders accept unpadded text and correctly padded
// text [CONV-05], reject a length of 1 mod 4 [CONV-06], and (hardening) reject anything
// outside the URL-safe alphabet, stray padding and non-zero trailing bits [CONV-07].
import { fail, ok, type Result } from '../result.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Strict decoder: the behaviour spec/01-conventions.md asks of a conforming receiver. */
export function decodeBase64url(text: string): Result<Uint8Array> {
  let body = text;
  if (text.length % 4 === 0 && text.endsWith('=')) {
    // Padded form [CONV-05]: one or two '=' that complete the final quantum, nothing else.
    body = text.endsWith('==') ? text.slice(0, -2) : text.slice(0, -1);
    if (body.endsWith('=')) return fail('encoding.bad-base64url', 'too much padding');
  }
  if (body.length % 4 === 1) return fail('encoding.bad-base64url', 'length is 1 mod 4, which no byte string encodes to');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) return fail('encoding.bad-base64url', `character ${JSON.stringify(body[i])} at ${i} is not in the base64url alphabet`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1; // keep only the bits not yet emitted
  }
  if (acc !== 0) return fail('encoding.bad-base64url', 'non-zero trailing bits (non-canonical encoding)');
  return ok(out);
}
