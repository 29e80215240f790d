// The reference BinaryPack codec (reference/wire/) against the real encoder PeerJS ships
// (peerjs-js-binarypack 2.1.0): byte for byte on generated values where that package is exact,
// exact round trips on the whole value model, and never a throw on any input.
import fc from 'fast-check';
import { pack, unpack } from 'peerjs-js-binarypack';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode } from '../../reference/wire/decode.ts';
import { encode } from '../../reference/wire/encode.ts';
import { fromTagged, toHex, toTagged } from '../../reference/wire/tagged-json.ts';
import { WireMap, type WireValue } from '../../reference/wire/value.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const replay = (name: string) => `replay: FC_SEED=${seed} node scripts/test.mjs tests/wire codec  (${name})`;
const packHex = (v: unknown) => Buffer.from(new Uint8Array(pack(v as never) as ArrayBuffer)).toString('hex');
const hexOf = (r: ReturnType<typeof encode>) => (r.ok ? toHex(r.value) : `error ${r.error.code}`);
const ieee = (x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return `cb${b.toString('hex')}`;
};
function check<T>(name: string, arb: fc.Arbitrary<T>, pred: (v: T) => boolean, numRuns = 300): void {
  const r = fc.check(fc.property(arb, pred), { seed, numRuns });
  if (r.failed) throw new Error(`${name}: counterexample ${JSON.stringify(r.counterexample, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}; ${replay(name)} path ${r.counterexamplePath}`);
}

/** Plain objects, as PeerJS packs them (fast-check dictionaries have no prototype). */
const plain = (d: Record<string, unknown>) => {
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(d)) Object.defineProperty(o, k, { value: d[k], enumerable: true, writable: true, configurable: true });
  return o;
};

// Values inside what the package writes exactly: no subnormal floats or floats just below a power
// of two (it mis-writes them), arrays and maps short enough for its recursive packer.
const exactFloat = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x) && packHex(x) === ieee(x));
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 10 });
const exactValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), fc.maxSafeInteger(), fc.constantFrom(0, -32, -33, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32)),
    exactFloat,
    fc.string({ maxLength: 40 }),
    utf16,
    fc.constantFrom(null, true, false, undefined, 'x'.repeat(15), 'x'.repeat(16), 'x'.repeat(65535), 'x'.repeat(65536)),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('v'), { maxLength: 17 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 17 }).map(plain),
  ),
})).v;

test('[WIRE-09] [WIRE-10] [WIRE-11] [WIRE-12] [WIRE-14] [WIRE-15] [WIRE-16] [WIRE-17] the encoder writes exactly what peerjs-js-binarypack writes (property; prints seed and replay)', () => {
  check('encode = pack', exactValue, (v) => hexOf(encode(v)) === packHex(v));
});

test('[WIRE-19] [WIRE-20] [WIRE-21] [WIRE-22] the decoder reads what peerjs-js-binarypack writes as unpack does, on its exact domain (property)', () => {
  const sameAsUnpack = (v: unknown) => {
    const bytes = new Uint8Array(pack(v as never) as ArrayBuffer);
    const mine = decode(bytes);
    if (!mine.ok) return false;
    // Re-pack both readings: equal bytes mean equal values, bytes included.
    const theirs = unpack(bytes.slice().buffer);
    return packHex(theirs) === hexOf(encode(mine.value));
  };
  // Integers below -2^31 are int64, which the package reads back wrong (chapter 11, Interoperability).
  check('decode = unpack', exactValue.filter((v) => !JSON.stringify(v ?? null).match(/-\d{10,}/)), sameAsUnpack);
});

// The whole value model, including what plain JavaScript cannot hold.
const modelValue = fc.letrec<{ v: WireValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }).map((n): WireValue => (n >= -(2n ** 53n) + 1n && n <= 2n ** 53n - 1n ? Number(n) : n)),
    fc.double({ noNaN: true }).filter((x) => Number.isFinite(x) && (!Number.isInteger(x) || Math.abs(x) < 2 ** 63)),
    utf16.map((s) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')),
    fc.constantFrom<WireValue>(null, true, false, undefined),
    fc.uint8Array({ maxLength: 20 }),
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 5 }).map((d) => plain(d) as WireValue),
    fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 4 }).map((e) => new WireMap(e)),
  ),
})).v;

/** The canonical tagged form a value has after a trip over the wire (WIRE-10, WIRE-11, WIRE-32). */
function afterTrip(j: unknown): unknown {
  if (typeof j === 'number') return Number.isInteger(j) && Math.abs(j) > Number.MAX_SAFE_INTEGER ? { $int: BigInt(j).toString() } : j;
  if (Array.isArray(j)) return j.map(afterTrip);
  if (j === null || typeof j !== 'object') return j;
  const o = j as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$num' && o.$num === '-0') return 0;
  if (keys.length === 1 && keys[0] === '$undefined') return null;
  if (keys.length === 1 && (keys[0] === '$int' || keys[0] === '$bytes' || keys[0] === '$num')) return j;
  if (keys.length === 1 && keys[0] === '$map') {
    const entries = (o.$map as [unknown, unknown][]).map(([k, v]) => [afterTrip(k), afterTrip(v)] as [unknown, unknown]);
    const ks = entries.map((e) => e[0]);
    const plainKeys = ks.every((k) => typeof k === 'string') && new Set(ks).size === ks.length && !(ks.length === 1 && (ks[0] as string).startsWith('$'));
    return plainKeys ? Object.fromEntries(entries) : { $map: entries };
  }
  return Object.fromEntries(keys.map((k) => [k, afterTrip(o[k])]));
}
const sorted = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x));

test('[WIRE-19] [WIRE-20] [WIRE-21] [WIRE-32] decode(encode(v)) is v in the tagged form, for integers to 2^64 - 1, every float and maps with any keys (property)', () => {
  check('round trip', modelValue, (v) => {
    const bytes = encode(v);
    if (!bytes.ok) return false;
    const back = decode(bytes.value);
    return back.ok && sorted(toTagged(back.value)) === sorted(afterTrip(toTagged(v)));
  });
});

test('[WIRE-25] [WIRE-30] the decoder never throws and answers a wire.* code on any bytes (property)', () => {
  check('no throw', fc.uint8Array({ maxLength: 64 }), (b) => {
    const r = decode(b);
    return r.ok || /^wire\.(truncated|unknown-tag|bad-utf8|too-deep|trailing-bytes)$/.test(r.error.code);
  }, 2000);
});

test('[WIRE-22] [WIRE-23] strings decode exactly as a strict UTF-8 decoder reads them, or are refused as wire.bad-utf8 (property)', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const nearUtf8 = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => new TextEncoder().encode(s)));
  check('utf8', nearUtf8, (b) => {
    const r = decode(Uint8Array.from([0xd9, 0, 0, b.length >> 8, b.length & 0xff, ...b]));
    let want: string | null;
    try {
      want = strict.decode(b);
    } catch {
      want = null;
    }
    return want === null ? !r.ok && r.error.code === 'wire.bad-utf8' : r.ok && r.value === want;
  }, 3000);
});

test('[WIRE-16] arrays of 65535 and 65536 elements take array16 and array32 (upstream cannot send them: its packer recurses per element)', () => {
  const a16 = encode(new Array(65535).fill(0));
  const a32 = encode(new Array(65536).fill(0));
  assert.ok(a16.ok && a32.ok);
  assert.is(toHex(a16.value.subarray(0, 3)), 'dcffff');
  assert.is(a16.value.length, 3 + 65535);
  assert.is(toHex(a32.value.subarray(0, 5)), 'dd00010000');
  assert.is(a32.value.length, 5 + 65536);
  assert.throws(() => pack(new Array(65536).fill(0)), /call stack/);
  const back = decode(a32.value);
  assert.ok(back.ok && Array.isArray(back.value) && back.value.length === 65536);
});

test('[WIRE-17] a map of 65536 members is map32; its members keep their order', () => {
  const o: Record<string, number> = {};
  for (let i = 0; i < 65536; i++) o[`k${i}`] = i & 0x7f;
  const r = encode(o);
  assert.ok(r.ok);
  assert.is(toHex(r.value.subarray(0, 5)), 'df00010000');
  const back = decode(r.value);
  assert.ok(back.ok);
  assert.equal(Object.keys(back.value as object).slice(0, 3), ['k0', 'k1', 'k2']);
});

test('[WIRE-13] [WIRE-27] values the encoder refuses, and why; cycles do not hang it', () => {
  for (const v of [NaN, Infinity, -Infinity, 1e20, 2 ** 64, 2n ** 64n, -(2n ** 63n) - 1n, { a: [NaN] }, new Map(), () => 1, Symbol('s')]) {
    const r = encode(v);
    assert.ok(!r.ok && r.error.code === 'wire.unencodable', String(typeof v));
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const r = encode(cyclic);
  assert.ok(!r.ok && r.error.code === 'wire.too-deep');
});

test('[WIRE-11] [WIRE-15] [WIRE-17] what PeerJS does with JavaScript values beyond JSON: typed arrays are their bytes, Date its string, class instances maps', () => {
  class K {
    x = 1;
  }
  const d = new Date(0);
  for (const v of [new Uint16Array([1, 2]), new Float32Array([1.5]), new Uint8Array([1, 2, 3]).buffer, d, new K(), 2 ** 63 - 2 ** 11 * 3])
    assert.is(hexOf(encode(v)), packHex(v));
  assert.throws(() => pack(new DataView(new ArrayBuffer(2)) as never), /not yet supported/);
  assert.is(hexOf(encode(new DataView(new ArrayBuffer(2)))), 'error wire.unencodable');
  assert.is(hexOf(encode(2 ** 63)), 'cf8000000000000000'); // upstream: d3 80 00 … (-2^63)
});

test('[WIRE-32] the tagged form: canonical output, every tag read, anything else input.invalid', () => {
  const round = (j: unknown) => {
    const v = fromTagged(j);
    return v.ok ? toTagged(v.value) : v.error.code;
  };
  assert.equal(round({ $map: [['a', 1]] }), { a: 1 });
  assert.equal(round({ $map: [['$a', 1]] }), { $map: [['$a', 1]] });
  assert.equal(round({ $int: '9007199254740991' }), 9007199254740991);
  assert.equal(round({ $int: '9007199254740992' }), { $int: '9007199254740992' });
  assert.equal(round({ $bytes: 'ABcd' }), { $bytes: 'abcd' });
  assert.equal(round({ $num: '-0' }), { $num: '-0' });
  assert.equal(round([{ $undefined: true }]), [{ $undefined: true }]);
  for (const bad of [{ $x: 1 }, { $bytes: 'a' }, { $int: '01' }, { $num: 'nan' }, { $undefined: false }, { $map: [[1]] }, { $map: {} }]) assert.is(round(bad), 'input.invalid', JSON.stringify(bad));
});

test.run();
