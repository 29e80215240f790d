// base64url (RFC 4648 section 5) for the harness: node's Buffer encoder, and a strict decoder
// that refuses what a lenient one would accept (padding in the middle, `+` and `/`, non-zero
// trailing bits), so an oracle never agrees with a sloppy implementation by accident.

const STRICT = /^[A-Za-z0-9_-]*$/;

export const b64u = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

/** Bytes of canonical unpadded or correctly padded base64url text, or null. */
export function fromB64u(text: string): Uint8Array | null {
  const body = text.length % 4 === 0 ? text.replace(/={1,2}$/, '') : text;
  if (!STRICT.test(body) || body.length % 4 === 1) return null;
  const bytes = new Uint8Array(Buffer.from(body, 'base64url'));
  return b64u(bytes) === body ? bytes : null; // round trip refuses non-zero trailing bits
}
