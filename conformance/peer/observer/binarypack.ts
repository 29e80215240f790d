// The harness's own reading of PeerJS BinaryPack bytes (the `binary` / `default` serialization of a
// PeerJS data connection), strict where the real unpacker is lenient: truncated input, trailing
// bytes, tags PeerJS never emits, map keys that are not strings and invalid UTF-8 are errors, so a
// frame that only the lenient decoder of one library would accept never passes the judge.
// Encoding goes through the public `peerjs-js-binarypack` package, which is what PeerJS sends.
import { pack } from 'peerjs-js-binarypack';

/** A decoded value: JSON's data model plus raw bytes (BinaryPack "raw", tags 0xa0-0xaf/0xda/0xdb). */
export type PackValue = null | boolean | number | string | Uint8Array | PackValue[] | { [key: string]: PackValue };

/** A decoding failure names the sender rule of spec/11-data-connections.md the bytes break. */
export type Decoded = { ok: true; value: PackValue } | { ok: false; error: string; at: number; requirement: string };

/** Deepest nesting the judge reads; honest presence frames nest four levels. */
export const MAX_DEPTH = 64;

class Reject extends Error {
  constructor(
    message: string,
    readonly at: number,
    /** WIRE-09: one value in the table's layout; WIRE-10: tags PeerJS writes; WIRE-14: UTF-8; WIRE-18: map keys. */
    readonly requirement = 'WIRE-09',
  ) {
    super(message);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  i = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (this.i + n > this.bytes.length) throw new Reject(`truncated: ${n} byte(s) needed, ${this.bytes.length - this.i} left`, this.i);
    const at = this.i;
    this.i += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)]!;
  }
  u16(): number {
    return this.view.getUint16(this.need(2));
  }
  u32(): number {
    return this.view.getUint32(this.need(4));
  }
  /** A count of items that each take at least one byte: more than the bytes left is a lie. */
  count(n: number): number {
    if (n > this.bytes.length - this.i) throw new Reject(`length ${n} runs past the end`, this.i);
    return n;
  }
  value(depth: number): PackValue {
    if (depth > MAX_DEPTH) throw new Reject(`nesting deeper than ${MAX_DEPTH}`, this.i);
    const at = this.i;
    const tag = this.u8();
    if (tag <= 0x7f) return tag;
    if (tag >= 0xe0) return tag - 0x100;
    if (tag >= 0xa0 && tag <= 0xaf) return this.raw(tag & 0x0f);
    if (tag >= 0xb0 && tag <= 0xbf) return this.str(tag & 0x0f);
    if (tag >= 0x90 && tag <= 0x9f) return this.array(tag & 0x0f, depth);
    if (tag >= 0x80 && tag <= 0x8f) return this.map(tag & 0x0f, depth);
    switch (tag) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xca:
        throw new Reject('tag 0xca (float 32) is not one PeerJS emits', at, 'WIRE-10');
      case 0xcb:
        return this.view.getFloat64(this.need(8));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return Number(this.view.getBigUint64(this.need(8)));
      case 0xd0:
        return this.view.getInt8(this.need(1));
      case 0xd1:
        return this.view.getInt16(this.need(2));
      case 0xd2:
        return this.view.getInt32(this.need(4));
      case 0xd3:
        return Number(this.view.getBigInt64(this.need(8)));
      case 0xd8:
        return this.str(this.u16());
      case 0xd9:
        return this.str(this.u32());
      case 0xda:
        return this.raw(this.u16());
      case 0xdb:
        return this.raw(this.u32());
      case 0xdc:
        return this.array(this.u16(), depth);
      case 0xdd:
        return this.array(this.u32(), depth);
      case 0xde:
        return this.map(this.u16(), depth);
      case 0xdf:
        return this.map(this.u32(), depth);
      default:
        // 0xc1 and 0xc4-0xc9, 0xd4-0xd7: PeerJS never writes them (undefined packs as nil).
        throw new Reject(`tag 0x${tag.toString(16)} is not one PeerJS emits`, at, 'WIRE-10');
    }
  }
  raw(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.slice(at, at + n);
  }
  str(n: number): string {
    const at = this.need(n);
    try {
      return strictUtf8.decode(this.bytes.subarray(at, at + n));
    } catch {
      throw new Reject('string is not valid UTF-8', at, 'WIRE-14');
    }
  }
  array(n: number, depth: number): PackValue[] {
    const out: PackValue[] = [];
    for (let k = this.count(n); k > 0; k--) out.push(this.value(depth + 1));
    return out;
  }
  map(n: number, depth: number): { [key: string]: PackValue } {
    const out: { [key: string]: PackValue } = {};
    for (let k = this.count(n); k > 0; k--) {
      const at = this.i;
      const key = this.value(depth + 1);
      if (typeof key !== 'string') throw new Reject(`map key of type ${key === null ? 'null' : typeof key}: PeerJS packs only objects with string keys`, at, 'WIRE-18');
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new Reject(`duplicate map key ${JSON.stringify(key)}`, at, 'WIRE-18');
      // defineProperty: a key named "__proto__" is data, not the prototype.
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** Decodes exactly one BinaryPack value occupying all of `bytes`. Never throws. */
export function decodeBinaryPack(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  try {
    const value = r.value(0);
    if (r.i !== bytes.length) return { ok: false, error: `${bytes.length - r.i} trailing byte(s) after the value`, at: r.i, requirement: 'WIRE-09' };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, error: e.message, at: e.at, requirement: e.requirement };
    return { ok: false, error: `unreadable: ${(e as Error).message}`, at: r.i, requirement: 'WIRE-09' };
  }
}

/** What PeerJS's packer produces for a JSON-like value (raw bytes as Uint8Array). */
export function encodeBinaryPack(value: unknown): Uint8Array {
  const out = pack(value as never);
  if (out instanceof Promise) throw new Error('BinaryPack produced a Blob promise: only plain values are packed here');
  return new Uint8Array(out);
}

/** The value as JSON for transcripts and schema checks: raw bytes become {"$bytes": "<hex>"}. */
export function toJsonish(v: PackValue): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(toJsonish);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: toJsonish(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** True when the value holds raw bytes anywhere (never valid in a presence frame). */
export function hasBytes(v: PackValue): boolean {
  if (v instanceof Uint8Array) return true;
  if (Array.isArray(v)) return v.some(hasBytes);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasBytes);
  return false;
}
