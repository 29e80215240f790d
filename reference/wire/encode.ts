// The BinaryPack encoder (spec/11-data-connections.md 11.3, "Encoding"). It writes what
// peerjs-js-binarypack 2.1.0 writes for every value that package encodes exactly, and refuses the
// values it mangles (NaN, infinities, integers outside -2^63..2^64-1) instead of sending garbage.
// Input is a JavaScript value as PeerJS takes it: plain objects are maps in own-property order,
// typed arrays are bytes, bigint and WireMap carry what plain JavaScript cannot.
import { fail, ok, type Result } from '../result.ts';
import { MAX_DEPTH } from './constants.ts';
import { TAG } from './tags.ts';
import { WireMap } from './value.ts';

class Unencodable extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const utf8Encoder = new TextEncoder();

/**
 * The output: small fields go into a scratch block, large byte strings are kept by reference and
 * copied once, into the final buffer. Every multi-byte field is big-endian [WIRE-09].
 */
class Writer {
  private parts: Uint8Array[] = [];
  private total = 0;
  buf = new Uint8Array(512);
  view = new DataView(this.buf.buffer);
  /** Next free byte of `buf`; bytes from `mark` on are not yet in `parts`. */
  len = 0;
  private mark = 0;

  /** Makes room for n more bytes in the scratch block. */
  room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    this.flush();
    this.buf = new Uint8Array(Math.max(4096, n));
    this.view = new DataView(this.buf.buffer);
    this.len = 0;
    this.mark = 0;
  }
  private flush(): void {
    if (this.len > this.mark) {
      this.parts.push(this.buf.subarray(this.mark, this.len));
      this.total += this.len - this.mark;
      this.mark = this.len;
    }
  }
  u8(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }
  tagU8(tag: number, v: number): void {
    this.room(2);
    this.buf[this.len++] = tag;
    this.buf[this.len++] = v & 0xff;
  }
  tagU16(tag: number, v: number): void {
    this.room(3);
    this.buf[this.len] = tag;
    this.view.setUint16(this.len + 1, v & 0xffff);
    this.len += 3;
  }
  tagU32(tag: number, v: number): void {
    this.room(5);
    this.buf[this.len] = tag;
    this.view.setUint32(this.len + 1, v >>> 0);
    this.len += 5;
  }
  tagF64(x: number): void {
    this.room(9);
    this.buf[this.len] = TAG.FLOAT64;
    this.view.setFloat64(this.len + 1, x);
    this.len += 9;
  }
  tagI64(tag: number, v: bigint): void {
    this.room(9);
    this.buf[this.len] = tag;
    if (tag === TAG.UINT64) this.view.setBigUint64(this.len + 1, v);
    else this.view.setBigInt64(this.len + 1, v);
    this.len += 9;
  }
  bytes(b: Uint8Array): void {
    if (b.length <= 256) {
      this.room(b.length);
      this.buf.set(b, this.len);
      this.len += b.length;
      return;
    }
    this.flush(); // a large string of bytes is kept as it is and copied once, at the end
    this.parts.push(b);
    this.total += b.length;
  }
  /** A size header of a family with a fix form (0-15), a 16-bit form and a 32-bit form. */
  sized(fix: number, tag16: number, tag32: number, n: number): void {
    if (n <= 0x0f) this.u8(fix + n);
    else if (n <= 0xffff) this.tagU16(tag16, n);
    else if (n <= 0xffffffff) this.tagU32(tag32, n);
    else throw new Unencodable('wire.unencodable', `a length of ${n} does not fit 32 bits`);
  }
  result(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** An integer of magnitude below 2^53, in the first form whose range holds it [WIRE-11]. */
function writeSafeInteger(w: Writer, n: number): void {
  if (n >= -32 && n <= 127) w.u8(n & 0xff); // fixint; -0 & 0xff is 0
  else if (n >= 0 && n <= 0xff) w.tagU8(TAG.UINT8, n);
  else if (n >= -0x80 && n <= 0x7f) w.tagU8(TAG.INT8, n);
  else if (n >= 0 && n <= 0xffff) w.tagU16(TAG.UINT16, n);
  else if (n >= -0x8000 && n <= 0x7fff) w.tagU16(TAG.INT16, n);
  else if (n >= 0 && n <= 0xffffffff) w.tagU32(TAG.UINT32, n);
  else if (n >= -0x80000000 && n <= 0x7fffffff) w.tagU32(TAG.INT32, n);
  else w.tagI64(TAG.INT64, BigInt(n)); // positive integers from 2^32 on are int64, as upstream writes them
}

function writeBigInteger(w: Writer, n: bigint): void {
  if (n >= -(2n ** 53n) + 1n && n <= 2n ** 53n - 1n) writeSafeInteger(w, Number(n));
  else if (n >= INT64_MIN && n <= INT64_MAX) w.tagI64(TAG.INT64, n);
  else if (n > INT64_MAX && n <= UINT64_MAX) w.tagI64(TAG.UINT64, n);
  else throw new Unencodable('wire.unencodable', `the integer ${n} is outside -2^63..2^64-1 [WIRE-13]`);
}

function writeNumber(w: Writer, x: number): void {
  if (Number.isNaN(x) || x === Infinity || x === -Infinity) {
    throw new Unencodable('wire.unencodable', `${x} cannot be encoded [WIRE-13]`);
  }
  if (!Number.isInteger(x)) w.tagF64(x); // [WIRE-12]
  else if (Math.abs(x) <= Number.MAX_SAFE_INTEGER) writeSafeInteger(w, x);
  else writeBigInteger(w, BigInt(x)); // every binary64 of magnitude 2^53 or more is an integer
}

/** UTF-8 with unpaired surrogates as U+FFFD [WIRE-14]; ASCII skips the TextEncoder. */
function writeString(w: Writer, s: string): void {
  let ascii = s.length <= 64;
  for (let i = 0; ascii && i < s.length; i++) if (s.charCodeAt(i) > 0x7f) ascii = false;
  if (ascii) {
    w.sized(TAG.FIXSTR, TAG.STR16, TAG.STR32, s.length);
    w.room(s.length);
    for (let i = 0; i < s.length; i++) w.buf[w.len++] = s.charCodeAt(i);
    return;
  }
  const bytes = utf8Encoder.encode(s);
  w.sized(TAG.FIXSTR, TAG.STR16, TAG.STR32, bytes.length);
  w.bytes(bytes);
}

function asBytes(v: object): Uint8Array | null {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  // Typed arrays, by their memory bytes; a DataView is not bytes to upstream (it throws).
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}

function writeValue(w: Writer, v: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new Unencodable('wire.too-deep', `nested deeper than ${MAX_DEPTH} levels [WIRE-27]`);
  switch (typeof v) {
    case 'string':
      return writeString(w, v);
    case 'number':
      return writeNumber(w, v);
    case 'bigint':
      return writeBigInteger(w, v);
    case 'boolean':
      return w.u8(v ? TAG.TRUE : TAG.FALSE);
    case 'undefined':
      return w.u8(TAG.NIL); // undefined is written as nil, never as c1 [WIRE-10]
    case 'object': {
      if (v === null) return w.u8(TAG.NIL);
      const bytes = asBytes(v);
      if (bytes) {
        w.sized(TAG.FIXRAW, TAG.RAW16, TAG.RAW32, bytes.length); // [WIRE-15]
        return w.bytes(bytes);
      }
      if (Array.isArray(v)) {
        w.sized(TAG.FIXARRAY, TAG.ARRAY16, TAG.ARRAY32, v.length); // [WIRE-16]
        for (let i = 0; i < v.length; i++) writeValue(w, v[i], depth + 1); // a hole reads as undefined: nil
        return;
      }
      if (v instanceof WireMap) {
        w.sized(TAG.FIXMAP, TAG.MAP16, TAG.MAP32, v.entries.length);
        for (const [k, x] of v.entries) {
          writeValue(w, k, depth + 1);
          writeValue(w, x, depth + 1);
        }
        return;
      }
      if (v instanceof Date) return writeString(w, v.toString()); // as upstream
      if (v instanceof Map || v instanceof Set || v instanceof DataView) throw new Unencodable('wire.unencodable', `a ${v.constructor.name} is not a BinaryPack value`);
      // Own enumerable string keys in ECMAScript order: array indices ascending, then insertion order [WIRE-17].
      const keys = Object.keys(v);
      w.sized(TAG.FIXMAP, TAG.MAP16, TAG.MAP32, keys.length);
      for (const k of keys) {
        writeString(w, k);
        writeValue(w, (v as Record<string, unknown>)[k], depth + 1);
      }
      return;
    }
    default:
      throw new Unencodable('wire.unencodable', `a ${typeof v} is not a BinaryPack value`);
  }
}

/** The BinaryPack encoding of one message value, or `wire.unencodable` / `wire.too-deep`. Never throws. */
export function encode(value: unknown): Result<Uint8Array> {
  const w = new Writer();
  try {
    writeValue(w, value, 0);
  } catch (e) {
    if (e instanceof Unencodable) return fail(e.code, e.message);
    if (e instanceof RangeError) return fail('wire.too-deep', 'the value is nested too deeply to encode'); // a cycle, say
    throw e;
  }
  return ok(w.result());
}
