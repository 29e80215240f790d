// The few DER encodings (X.690) a self-signed certificate needs. Parsers are strict about them:
// OpenSSL (inside libdatachannel and Node) and BoringSSL refuse an INTEGER with a redundant leading
// zero byte ("illegal padding"), so a certificate with one cannot be loaded at all.

/** The length octets of a DER element whose content is `n` bytes long. */
export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element: tag, length, content. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  return Buffer.concat([Uint8Array.of(tag), derLength(body.length), body]);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/**
 * A non-negative INTEGER from big-endian magnitude bytes, in its one DER form: no leading zero
 * byte unless the next byte's top bit is set (then one is needed to keep the value positive).
 * Random serial numbers hit both cases; writing the bytes as they came made 1 certificate in 256
 * unreadable.
 */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const bytes = magnitude.length === 0 ? Uint8Array.of(0) : magnitude.subarray(start);
  return (bytes[0]! & 0x80) !== 0 ? tlv(0x02, Uint8Array.of(0), bytes) : tlv(0x02, bytes);
}

/** A certificate validity time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
export function derTime(d: Date): Uint8Array {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const year = d.getUTCFullYear();
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return year < 2050 ? tlv(0x17, Buffer.from(`${p(year % 100)}${rest}`, 'ascii')) : tlv(0x18, Buffer.from(`${p(year, 4)}${rest}`, 'ascii'));
}
