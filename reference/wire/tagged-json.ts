// The tagged JSON form of BinaryPack values (spec/11-data-connections.md 11.4): how ops and vectors
// carry bytes, undefined, NaN, infinities, -0, integers beyond 2^53 and maps with non-string or
// repeated keys, none of which JSON holds. Only for tests; never on the wire.
import type { JsonValue } from '../encoding/json.ts';
import { fail, ok, type Result } from '../result.ts';
import { objectFromEntries, WireMap, type WireValue } from './value.ts';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT_PATTERN = /^-?(?:0|[1-9][0-9]*)$/;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;
const NUM_NAMES: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Bytes from hexadecimal of either case; null for odd length or other characters. */
export function parseHex(hex: string): Uint8Array | null {
  if (!HEX_PATTERN.test(hex)) return null;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** True for a one-member object whose member name starts with `$`: reserved for tags. */
function tagName(o: { [k: string]: unknown }): string | null {
  const keys = Object.keys(o);
  return keys.length === 1 && keys[0]!.startsWith('$') ? keys[0]! : null;
}

/** The canonical tagged form of a decoded value [WIRE-32]. */
export function toTagged(v: WireValue): JsonValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $num: 'NaN' };
    if (v === Infinity) return { $num: 'Infinity' };
    if (v === -Infinity) return { $num: '-Infinity' };
    if (Object.is(v, -0)) return { $num: '-0' };
    return v;
  }
  if (typeof v === 'bigint') return v >= -SAFE && v <= SAFE ? Number(v) : { $int: v.toString() };
  if (v instanceof Uint8Array) return { $bytes: toHex(v) };
  if (Array.isArray(v)) return v.map(toTagged);
  const entries = v instanceof WireMap ? v.entries : Object.entries(v);
  const keys = entries.map((e) => e[0]);
  const plain = keys.every((k) => typeof k === 'string') && new Set(keys).size === keys.length && !(keys.length === 1 && (keys[0] as string).startsWith('$'));
  if (!plain) return { $map: entries.map(([k, x]) => [toTagged(k), toTagged(x)]) };
  return objectFromEntries(entries.map(([k, x]) => [k as string, toTagged(x) as WireValue])) as { [k: string]: JsonValue };
}

class FormError extends Error {}

function fromTaggedValue(j: unknown, at: string): WireValue {
  if (j === null || typeof j === 'boolean' || typeof j === 'string' || typeof j === 'number') return j;
  if (Array.isArray(j)) return j.map((x, i) => fromTaggedValue(x, `${at}/${i}`));
  if (typeof j !== 'object') throw new FormError(`${at}: a ${typeof j} is not JSON`);
  const o = j as { [k: string]: unknown };
  const tag = tagName(o);
  if (tag === null) return objectFromEntries(Object.entries(o).map(([k, x]) => [k, fromTaggedValue(x, `${at}/${k}`)]));
  const x = o[tag];
  switch (tag) {
    case '$bytes': {
      const bytes = typeof x === 'string' ? parseHex(x) : null;
      if (!bytes) throw new FormError(`${at}: $bytes must be hexadecimal, two digits per byte`);
      return bytes;
    }
    case '$undefined':
      if (x !== true) throw new FormError(`${at}: $undefined must be true`);
      return undefined;
    case '$num':
      if (typeof x !== 'string' || !Object.prototype.hasOwnProperty.call(NUM_NAMES, x)) throw new FormError(`${at}: $num must be NaN, Infinity, -Infinity or -0`);
      return NUM_NAMES[x]!;
    case '$int': {
      if (typeof x !== 'string' || !INT_PATTERN.test(x)) throw new FormError(`${at}: $int must be a decimal integer string`);
      const n = BigInt(x);
      return n >= -SAFE && n <= SAFE ? Number(n) : n;
    }
    case '$map': {
      if (!Array.isArray(x)) throw new FormError(`${at}: $map must be an array of [key, value] pairs`);
      return new WireMap(
        x.map((e, i) => {
          if (!Array.isArray(e) || e.length !== 2) throw new FormError(`${at}/$map/${i}: an entry is a [key, value] pair`);
          return [fromTaggedValue(e[0], `${at}/$map/${i}/0`), fromTaggedValue(e[1], `${at}/$map/${i}/1`)] as const;
        }),
      );
    }
    default:
      throw new FormError(`${at}: ${tag} is not a tag of the tagged form (write such a map with $map)`);
  }
}

/** The value a tagged-form JSON value denotes [WIRE-32]; `input.invalid` when it is not in the form. */
export function fromTagged(j: unknown): Result<WireValue> {
  try {
    return ok(fromTaggedValue(j, ''));
  } catch (e) {
    if (e instanceof FormError) return fail('input.invalid', e.message);
    if (e instanceof RangeError) return fail('input.invalid', 'the value is nested too deeply');
    throw e;
  }
}

