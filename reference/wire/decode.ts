// The BinaryPack decoder (spec/11-data-connections.md 11.3, "Decoding"). Strict where upstream is
// lenient: a read past the end, a count larger than the bytes left, an unassigned tag, invalid
// UTF-8, nesting past 64 levels and trailing bytes are errors, each reported at the first fault in
// reading order [WIRE-30]. Numbers are exact: int64/uint64 beyond 2^53 become bigint [WIRE-20],
// floats keep their IEEE value [WIRE-21]. Never throws.
import { fail, ok, type Result } from '../result.ts';
import { MAX_DEPTH } from './constants.ts';
import { isUnassignedTag, TAG } from './tags.ts';
import { WireMap, type WireObject, type WireValue } from './value.ts';

class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

class Reader {
  pos = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Claims n bytes and returns where they start, or fails: the input ends inside a value [WIRE-25]. */
  take(n: number, what: string): number {
    const at = this.pos;
    if (n > this.bytes.length - at) throw new Fault('wire.truncated', `${what} at byte ${at} needs ${n} byte(s), ${this.bytes.length - at} left`);
    this.pos = at + n;
    return at;
  }
  u8(what: string): number {
    return this.bytes[this.take(1, what)]!;
  }
  u16(what: string): number {
    return this.view.getUint16(this.take(2, what));
  }
  u32(what: string): number {
    return this.view.getUint32(this.take(4, what));
  }

  value(depth: number): WireValue {
    // A value at depth 65 is refused before its tag is read [WIRE-27], [WIRE-30].
    if (depth > MAX_DEPTH) throw new Fault('wire.too-deep', `a value at byte ${this.pos} is nested ${depth} levels deep (at most ${MAX_DEPTH})`);
    const at = this.pos;
    const tag = this.u8('a tag');
    if (tag <= 0x7f) return tag; // positive fixint
    if (tag >= 0xe0) return tag - 0x100; // negative fixint
    if (tag <= 0x8f) return this.map(tag - TAG.FIXMAP, depth);
    if (tag <= 0x9f) return this.array(tag - TAG.FIXARRAY, depth);
    if (tag <= 0xaf) return this.raw(tag - TAG.FIXRAW);
    if (tag <= 0xbf) return this.str(tag - TAG.FIXSTR);
    switch (tag) {
      case TAG.NIL:
        return null;
      case TAG.UNDEFINED:
        return undefined; // [WIRE-24]
      case TAG.FALSE:
        return false;
      case TAG.TRUE:
        return true;
      case TAG.FLOAT32:
        return this.view.getFloat32(this.take(4, 'a float32'));
      case TAG.FLOAT64:
        return this.view.getFloat64(this.take(8, 'a float64'));
      case TAG.UINT8:
        return this.u8('a uint8');
      case TAG.UINT16:
        return this.u16('a uint16');
      case TAG.UINT32:
        return this.u32('a uint32');
      case TAG.UINT64:
        return exact(this.view.getBigUint64(this.take(8, 'a uint64')));
      case TAG.INT8:
        return this.view.getInt8(this.take(1, 'an int8'));
      case TAG.INT16:
        return this.view.getInt16(this.take(2, 'an int16'));
      case TAG.INT32:
        return this.view.getInt32(this.take(4, 'an int32'));
      case TAG.INT64:
        return exact(this.view.getBigInt64(this.take(8, 'an int64')));
      case TAG.STR16:
        return this.str(this.u16('a str16 length'));
      case TAG.STR32:
        return this.str(this.u32('a str32 length'));
      case TAG.RAW16:
        return this.raw(this.u16('a raw16 length'));
      case TAG.RAW32:
        return this.raw(this.u32('a raw32 length'));
      case TAG.ARRAY16:
        return this.array(this.u16('an array16 count'), depth);
      case TAG.ARRAY32:
        return this.array(this.u32('an array32 count'), depth);
      case TAG.MAP16:
        return this.map(this.u16('a map16 count'), depth);
      case TAG.MAP32:
        return this.map(this.u32('a map32 count'), depth);
    }
    // Only the unassigned tags are left [WIRE-28].
    if (!isUnassignedTag(tag)) throw new Error(`unreachable: tag ${tag}`);
    throw new Fault('wire.unknown-tag', `tag 0x${tag.toString(16)} at byte ${at} is not assigned in BinaryPack`);
  }

  raw(n: number): Uint8Array {
    const at = this.take(n, `${n} bytes of raw data`);
    return this.bytes.slice(at, at + n);
  }

  str(n: number): string {
    const at = this.take(n, `a ${n}-byte string`);
    if (n <= SHORT_STRING) {
      const s = shortUtf8(this.bytes, at, at + n);
      if (s === null) throw new Fault('wire.bad-utf8', `the ${n}-byte string at byte ${at} is not valid UTF-8`); // [WIRE-23]
      return s;
    }
    try {
      return strictUtf8.decode(this.bytes.subarray(at, at + n)); // [WIRE-22]
    } catch {
      throw new Fault('wire.bad-utf8', `the ${n}-byte string at byte ${at} is not valid UTF-8`); // [WIRE-23]
    }
  }

  /** A count is checked against the bytes left before anything is allocated [WIRE-25]. */
  private count(n: number, bytesEach: number, what: string): void {
    const left = this.bytes.length - this.pos;
    if (n * bytesEach > left) throw new Fault('wire.truncated', `${what} of ${n} at byte ${this.pos} needs at least ${n * bytesEach} byte(s), ${left} left`);
  }

  array(n: number, depth: number): WireValue[] {
    this.count(n, 1, 'an array');
    const out: WireValue[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.value(depth + 1);
    return out;
  }

  map(n: number, depth: number): WireValue {
    this.count(n, 2, 'a map');
    const start = this.pos;
    // Almost every map has distinct string keys: build the object directly, and start over in
    // entry form only when a key is not a string or comes twice [WIRE-31].
    const out: WireObject = {};
    for (let i = 0; i < n; i++) {
      const key = this.value(depth + 1);
      const v = this.value(depth + 1);
      if (typeof key !== 'string' || Object.prototype.hasOwnProperty.call(out, key)) {
        this.pos = start;
        return this.entries(n, depth);
      }
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    return out;
  }

  private entries(n: number, depth: number): WireMap {
    const entries: [WireValue, WireValue][] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = [this.value(depth + 1), this.value(depth + 1)];
    return new WireMap(entries);
  }
}

/** Strings up to this many bytes are decoded by hand; longer ones by TextDecoder. */
const SHORT_STRING = 128;

/** Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or null [WIRE-22], [WIRE-23]. */
function shortUtf8(b: Uint8Array, from: number, to: number): string | null {
  const units: number[] = [];
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) {
      units.push(c);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) {
      [need, cp] = [2, c & 0x0f];
      if (c === 0xe0) lo = 0xa0; // no overlongs
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      [need, cp] = [3, c & 0x07];
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return null;
    if (i + need >= to) return null; // cut short by the end of the string
    for (let k = 1; k <= need; k++) {
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return null;
      cp = (cp << 6) | (d & 0x3f);
    }
    i += need + 1;
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
  }
  return String.fromCharCode(...units);
}

/** An int64/uint64 as a number when that is exact, else as a bigint [WIRE-20]. */
const exact = (v: bigint): number | bigint => (v >= -SAFE && v <= SAFE ? Number(v) : v);

/** Decodes one message: exactly one value that fills `bytes`. */
export function decode(bytes: Uint8Array): Result<WireValue> {
  const r = new Reader(bytes);
  try {
    const value = r.value(0);
    if (r.pos !== bytes.length) return fail('wire.trailing-bytes', `${bytes.length - r.pos} byte(s) follow the value, from byte ${r.pos}`); // [WIRE-29]
    return ok(value);
  } catch (e) {
    if (e instanceof Fault) return fail(e.code, e.message);
    throw e;
  }
}
