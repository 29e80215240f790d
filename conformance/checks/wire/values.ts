// Values for the wire properties, kept inside what the public peerjs-js-binarypack writes and reads
// exactly (spec/11-data-connections.md, Interoperability), so that package can be the oracle; and
// their canonical tagged JSON form (11.4), written for the harness.
import fc from 'fast-check';
import type { JsonValue } from '../../lib/json.ts';

/** A JavaScript value PeerJS can be handed: JSON plus bytes and undefined. */
export type JsValue = null | undefined | boolean | number | string | Uint8Array | JsValue[] | { [k: string]: JsValue };

const ieee = (x: number): string => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
};

/** Upstream writes these floats bit for bit (not subnormal, not just below a power of two). */
export function upstreamExactFloat(x: number, packHex: (v: number) => string): boolean {
  return Number.isFinite(x) && !Number.isInteger(x) && packHex(x) === `cb${ieee(x)}`;
}

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: utf16Unit, maxLength: 12 }), // unpaired surrogates too
  fc.string({ unit: 'grapheme', maxLength: 8 }), // astral characters
  fc.constantFrom('', 'x'.repeat(15), 'x'.repeat(16), 'x'.repeat(31), 'x'.repeat(32), '\ud800', '\u{1F98A}'.repeat(4)),
);

/** Integers whose every width upstream encodes and decodes exactly (int64 below -2^31 it reads back wrong). */
const integer = fc.oneof(
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.constantFrom(-32, -33, 127, 128, 255, 256, -128, -129, 65535, 65536, -32768, -32769, 4294967295, 4294967296, 2 ** 53 - 1),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);

/** fast-check builds dictionaries without a prototype; PeerJS packs only plain objects. */
function plainObject(d: Record<string, JsValue>): { [k: string]: JsValue } {
  const o: { [k: string]: JsValue } = {};
  for (const k of Object.keys(d)) Object.defineProperty(o, k, { value: d[k], enumerable: true, writable: true, configurable: true });
  return o;
}

export function jsValue(packHex: (v: number) => string, maxDepth = 3): fc.Arbitrary<JsValue> {
  const float = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => upstreamExactFloat(x, packHex));
  const leaf: fc.Arbitrary<JsValue> = fc.oneof(
    { weight: 3, arbitrary: integer },
    { weight: 2, arbitrary: float },
    { weight: 3, arbitrary: text },
    fc.constantFrom<JsValue>(null, true, false),
    fc.uint8Array({ maxLength: 20 }),
  );
  const { value } = fc.letrec<{ value: JsValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      { weight: 4, arbitrary: leaf },
      fc.array(tie('value'), { maxLength: 17 }),
      fc.dictionary(text, tie('value'), { maxKeys: 17 }).map(plainObject),
    ),
  }));
  return value;
}

/** The canonical tagged form of a value as an exact decoder returns it after PeerJS packed it. */
export function canonicalAfterPack(v: JsValue): JsonValue {
  if (v === undefined || v === null) return null; // undefined travels as nil
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return wellFormed(v);
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(canonicalAfterPack);
  // Keys travel as UTF-8 too: two keys that differ only in unpaired surrogates arrive equal.
  const entries = Object.keys(v).map((k) => [wellFormed(k), canonicalAfterPack(v[k])] as [string, JsonValue]);
  const keys = entries.map((e) => e[0]);
  if (new Set(keys).size !== keys.length || (keys.length === 1 && keys[0]!.startsWith('$'))) return { $map: entries };
  const o: { [k: string]: JsonValue } = {};
  for (const [k, x] of entries) Object.defineProperty(o, k, { value: x, enumerable: true, writable: true, configurable: true });
  return o;
}

/** The string a UTF-8 round trip gives: each unpaired surrogate becomes U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The tagged form of a value handed to wire.encode. */
export function taggedInput(v: JsValue): JsonValue {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Object.is(v, -0) ? { $num: '-0' } : v;
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(taggedInput);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith('$')) return { $map: [[keys[0]!, taggedInput(v[keys[0]!])]] };
  const o: { [k: string]: JsonValue } = {};
  for (const k of keys) Object.defineProperty(o, k, { value: taggedInput(v[k]), enumerable: true, writable: true, configurable: true });
  return o;
}

/** True when the canonical form holds a map that is not a plain object (keys that collide after UTF-8). */
export function hasMapForm(j: JsonValue): boolean {
  if (Array.isArray(j)) return j.some(hasMapForm);
  if (j === null || typeof j !== 'object') return false;
  const keys = Object.keys(j);
  if (keys.length === 1 && keys[0] === '$map') return true;
  return keys.some((k) => hasMapForm(j[k]!));
}
