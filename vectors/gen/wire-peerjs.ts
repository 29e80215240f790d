// The fidelity oracle of the wire vectors: the real `peerjs-js-binarypack` 2.1.0, the encoder
// PeerJS sends with. Every positive wire vector is checked against it when the files are generated
// (and so in npm test, whose freshness check regenerates them): where the package agrees with the
// spec, the vector's bytes or value must equal the package's; where it does not, the vector records
// what the package does in `intermediates.peerjs`, flagged `upstream-divergent`, and the package
// must still do exactly that (so a change upstream is noticed).
import { pack, unpack } from 'peerjs-js-binarypack';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';

/** What the package does with a vector's input. */
export type PeerjsOutcome =
  | { hex: string } // pack produced these bytes
  | { value: JsonValue } // unpack produced this value (described as below)
  | { throws: string } // it threw this message
  | { notRun: string }; // running it would exhaust memory; why

const hexOf = (b: ArrayBuffer): string => Buffer.from(new Uint8Array(b)).toString('hex');

/**
 * A JavaScript value as unpack returns it, written in the tagged JSON form (spec 11.4): bytes are
 * `$bytes`, undefined `$undefined`, NaN and infinities `$num`. An object with a prototype other
 * than Object.prototype (the `__proto__` trick) gets a member "(prototype)" describing it.
 */
export function describeJs(v: unknown): JsonValue {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $num: 'NaN' };
    if (v === Infinity || v === -Infinity) return { $num: String(v) };
    if (Object.is(v, -0)) return { $num: '-0' };
    return v;
  }
  if (v instanceof ArrayBuffer) return { $bytes: hexOf(v) };
  if (Array.isArray(v)) return Array.from(v, describeJs);
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: describeJs((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype) out['(prototype)'] = proto === null ? null : describeJs(proto);
    return out;
  }
  return `<${typeof v}>`;
}

const tagOf = (j: JsonValue): string | null => {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) return null;
  const keys = Object.keys(j);
  return keys.length === 1 && keys[0]!.startsWith('$') ? keys[0]! : null;
};

/**
 * The JavaScript value PeerJS would be handed for a tagged value, or null when plain JavaScript
 * cannot hold it (an integer beyond 2^53, a map whose keys are not distinct strings).
 */
export function toJs(j: JsonValue): { value: unknown } | null {
  if (j === null || typeof j !== 'object') return { value: j };
  if (Array.isArray(j)) {
    const out: unknown[] = [];
    for (const x of j) {
      const v = toJs(x);
      if (!v) return null;
      out.push(v.value);
    }
    return { value: out };
  }
  const tag = tagOf(j);
  const x = tag ? (j as JsonObject)[tag]! : null;
  switch (tag) {
    case '$bytes':
      return { value: new Uint8Array(Buffer.from(x as string, 'hex')) };
    case '$undefined':
      return { value: undefined };
    case '$num':
      return { value: ({ NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 } as Record<string, number>)[x as string] };
    case '$int': {
      const n = BigInt(x as string);
      return n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? { value: Number(n) } : null;
    }
    case '$map': {
      const pairs = x as [JsonValue, JsonValue][];
      const keys = pairs.map((p) => p[0]);
      if (!keys.every((k) => typeof k === 'string') || new Set(keys).size !== keys.length) return null;
      const out: Record<string, unknown> = {};
      for (const [k, v] of pairs) {
        const jv = toJs(v);
        if (!jv) return null;
        Object.defineProperty(out, k as string, { value: jv.value, enumerable: true, writable: true, configurable: true });
      }
      return { value: out };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(j)) {
    const jv = toJs(v);
    if (!jv) return null;
    Object.defineProperty(out, k, { value: jv.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out };
}

/** What an exact decoder's canonical value looks like once PeerJS has it: integers are numbers, keys strings. */
export function jsProjection(j: JsonValue): JsonValue {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map(jsProjection);
  const tag = tagOf(j);
  const x = tag ? (j as JsonObject)[tag]! : null;
  if (tag === '$int') return Number(BigInt(x as string));
  if (tag === '$bytes' || tag === '$undefined' || tag === '$num') return j;
  const out: JsonObject = {};
  const entries: [string, JsonValue][] = tag === '$map' ? (x as [JsonValue, JsonValue][]).map(([k, v]) => [String(jsProjection(k)), v]) : Object.entries(j);
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: jsProjection(v), enumerable: true, writable: true, configurable: true });
  return out;
}

export function peerjsPack(value: unknown): PeerjsOutcome {
  try {
    const out = pack(value as never);
    if (out instanceof Promise) return { throws: 'pack returned a Promise' };
    return { hex: hexOf(out) };
  } catch (e) {
    return { throws: (e as Error).message };
  }
}

export function peerjsUnpack(hex: string): PeerjsOutcome {
  const bytes = new Uint8Array(Buffer.from(hex, 'hex'));
  try {
    return { value: describeJs(unpack(bytes.buffer)) };
  } catch (e) {
    return { throws: (e as Error).message };
  }
}

/** Deep JSON equality with object member order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(norm) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
