// The harness's own model of a chapter 11 decoder (spec/11-data-connections.md 11.3, "Decoding"),
// written for the judge and independent of any implementation: bytes in, the canonical tagged JSON
// value (11.4) or the error code of the first fault in reading order out.
import type { JsonValue } from '../../lib/json.ts';

export type ModelResult = { ok: true; value: JsonValue } | { ok: false; code: string };

const MAX_DEPTH = 64;
const SAFE = 2n ** 53n - 1n;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Stop {
  constructor(readonly code: string) {}
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

function num(x: number): JsonValue {
  if (Number.isNaN(x)) return { $num: 'NaN' };
  if (x === Infinity) return { $num: 'Infinity' };
  if (x === -Infinity) return { $num: '-Infinity' };
  if (Object.is(x, -0)) return { $num: '-0' };
  return x;
}
const int = (n: bigint): JsonValue => (n >= -SAFE && n <= SAFE ? Number(n) : { $int: n.toString() });

/** The canonical form of a map's entries: an object only for distinct string keys, and never a lone `$` key. */
function mapOf(entries: [JsonValue, JsonValue][]): JsonValue {
  const keys = entries.map((e) => e[0]);
  const plain = keys.every((k) => typeof k === 'string') && new Set(keys).size === keys.length && !(keys.length === 1 && (keys[0] as string).startsWith('$'));
  if (!plain) return { $map: entries };
  const o: { [k: string]: JsonValue } = {};
  for (const [k, v] of entries) Object.defineProperty(o, k as string, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

export function modelDecode(bytes: Uint8Array): ModelResult {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number): number => {
    if (bytes.length - at < n) throw new Stop('wire.truncated');
    const start = at;
    at += n;
    return start;
  };
  const str = (n: number): JsonValue => {
    const s = need(n);
    try {
      return utf8.decode(bytes.subarray(s, s + n));
    } catch {
      throw new Stop('wire.bad-utf8');
    }
  };
  const raw = (n: number): JsonValue => {
    const s = need(n);
    return { $bytes: hex(bytes.subarray(s, s + n)) };
  };
  const items = (n: number, per: number, depth: number): JsonValue[] => {
    if (n * per > bytes.length - at) throw new Stop('wire.truncated');
    const out: JsonValue[] = [];
    for (let i = 0; i < n * per; i++) out.push(value(depth + 1));
    return out;
  };
  const arr = (n: number, depth: number): JsonValue => items(n, 1, depth);
  const map = (n: number, depth: number): JsonValue => {
    const flat = items(n, 2, depth);
    const entries: [JsonValue, JsonValue][] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push([flat[i]!, flat[i + 1]!]);
    return mapOf(entries);
  };
  function value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new Stop('wire.too-deep');
    const t = bytes[need(1)]!;
    if (t < 0x80) return t;
    if (t >= 0xe0) return t - 256;
    const lo = t & 0x0f;
    switch (t & 0xf0) {
      case 0x80:
        return map(lo, depth);
      case 0x90:
        return arr(lo, depth);
      case 0xa0:
        return raw(lo);
      case 0xb0:
        return str(lo);
    }
    switch (t) {
      case 0xc0: return null;
      case 0xc1: return { $undefined: true };
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xca: return num(dv.getFloat32(need(4)));
      case 0xcb: return num(dv.getFloat64(need(8)));
      case 0xcc: return dv.getUint8(need(1));
      case 0xcd: return dv.getUint16(need(2));
      case 0xce: return dv.getUint32(need(4));
      case 0xcf: return int(dv.getBigUint64(need(8)));
      case 0xd0: return dv.getInt8(need(1));
      case 0xd1: return dv.getInt16(need(2));
      case 0xd2: return dv.getInt32(need(4));
      case 0xd3: return int(dv.getBigInt64(need(8)));
      case 0xd8: return str(dv.getUint16(need(2)));
      case 0xd9: return str(dv.getUint32(need(4)));
      case 0xda: return raw(dv.getUint16(need(2)));
      case 0xdb: return raw(dv.getUint32(need(4)));
      case 0xdc: return arr(dv.getUint16(need(2)), depth);
      case 0xdd: return arr(dv.getUint32(need(4)), depth);
      case 0xde: return map(dv.getUint16(need(2)), depth);
      case 0xdf: return map(dv.getUint32(need(4)), depth);
      default: throw new Stop('wire.unknown-tag'); // c4-c9, d4-d7
    }
  }
  try {
    const v = value(0);
    return at === bytes.length ? { ok: true, value: v } : { ok: false, code: 'wire.trailing-bytes' };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, code: e.code };
    throw e;
  }
}

/** Which requirement a decode fault, or a wrong value, is charged to. */
export const FAULT_REQUIREMENT: Record<string, string> = {
  'wire.truncated': 'WIRE-25',
  'wire.bad-utf8': 'WIRE-23',
  'wire.too-deep': 'WIRE-27',
  'wire.unknown-tag': 'WIRE-28',
  'wire.trailing-bytes': 'WIRE-29',
};
