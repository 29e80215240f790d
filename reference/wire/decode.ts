// The BinaryPack decoder (spec/11-data-connections.md 11.3, "Decoding"). Strict where upstream is
// lenient: a read past the end, a count larger than the bytes left, an unassigned tag, invalid
// UTF-8, nesting past 64 levels and trailing bytes are errors, each reported at the first fault in
// reading order [WIRE-30]. Numbers are exact: int64/uint64 beyond 2^53 become bigint [WIRE-20],
// floats keep their IEEE value [WIRE-21]. Never throws.
import { fail, ok, type Result } from '../result.ts';
import { MAX_DEPTH } from './constants.ts';
import { isUnassignedTag, TAG } from './tags.ts';
import { objectFromEntries, WireMap, type WireValue } from './value.ts';

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
    const b = this.bytes;
    let ascii = true;
    for (let i = at; i < at + n; i++) {
      if (b[i]! > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii && n <= 64) return String.fromCharCode(...b.subarray(at, at + n));
    try {
      return strictUtf8.decode(b.subarray(at, at + n)); // [WIRE-22]
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
    const entries: [WireValue, WireValue][] = new Array(n);
    let plain = true;
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const key = this.value(depth + 1);
      entries[i] = [key, this.value(depth + 1)];
      if (typeof key !== 'string' || seen.has(key)) plain = false;
      else seen.add(key);
    }
    // Distinct string keys make an object of own members; anything else keeps its entries [WIRE-31].
    return plain ? objectFromEntries(entries as [string, WireValue][]) : new WireMap(entries);
  }
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
