// BinaryPack throughput: the reference codec (reference/wire/) against peerjs-js-binarypack, the
// encoder PeerJS sends with, on the same frames, side by side in one process. Target: the
// reference within 2x of the package (it checks more: exact numbers, UTF-8 validity, bounds).
import { pack, unpack } from 'peerjs-js-binarypack';
import { decode } from '../reference/wire/decode.ts';
import { encode } from '../reference/wire/encode.ts';
import { capturedValue } from '../vectors/gen/wire-captured-values.ts';

interface Item {
  name: string;
  value: unknown;
  bytes: Uint8Array;
}

function corpus(): Item[] {
  const frames: [string, unknown][] = [
    ['ping', { t: 'ping' }],
    ['voice (captured)', capturedValue('voice')],
    ['roster (captured)', capturedValue('roster')],
    ['mod (captured)', capturedValue('mod')],
    ['roster of 12', { t: 'roster', members: Array.from({ length: 12 }, (_, i) => ({ id: `member-${i}-3f2c9a1e-6b7d`, name: `Guest ${i}`, cam: i % 2 === 0, avatar: '', meta: { '~kbz': { v: '0.1.0', b: 'a1b2c3d', p: 1, f: ['chat.v1', 'xfer.v2'] } } })), lobby: false, host: '', locked: false }],
    ['ink stroke', { k: 'ink', e: { k: 'restore', image: '', strokes: [{ color: '#f80', pts: Array.from({ length: 64 }, (_, i) => ({ x: i / 64, y: Math.sin(i / 10) / 2 + 0.5 })) }] } }],
    ['chat (unicode)', { k: 'chat', text: 'h\u00e9llo \u{1F98A} w\u00f6rld, \u4f60\u597d'.repeat(8), mid: 'abc#12', ts: 1700000000123 }],
    ['xfer.v2 frame (49 KB)', new Uint8Array(49_221).fill(7)],
  ];
  return frames.map(([name, value]) => ({ name, value, bytes: new Uint8Array(pack(value as never) as ArrayBuffer) }));
}

/** Calls per second of `fn`, best of several rounds of at least `ms` each. */
function rate(fn: () => unknown, ms = 250): number {
  let best = 0;
  for (let round = 0; round < 4; round++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 50; i++) fn();
      n += 50;
      now = performance.now();
    }
    best = Math.max(best, (n * 1000) / (now - start));
  }
  return best;
}

const fmt = (x: number) => `${x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`}/s`.padStart(11);

export async function run(): Promise<void> {
  const items = corpus();
  let sink = 0;
  let worst = 0;
  console.log(`${'frame'.padEnd(24)}${'bytes'.padStart(7)}${'encode ref'.padStart(12)}${'pack'.padStart(12)}${'ratio'.padStart(7)}${'decode ref'.padStart(12)}${'unpack'.padStart(12)}${'ratio'.padStart(7)}`);
  for (const it of items) {
    const buf = it.bytes.slice().buffer;
    const enc = rate(() => (sink += encode(it.value).ok ? 1 : 0));
    const pk = rate(() => (sink += (pack(it.value as never) as ArrayBuffer).byteLength));
    const dec = rate(() => (sink += decode(it.bytes).ok ? 1 : 0));
    const up = rate(() => (sink += unpack(buf) === undefined ? 0 : 1));
    worst = Math.max(worst, pk / enc, up / dec);
    console.log(`${it.name.padEnd(24)}${String(it.bytes.length).padStart(7)}${fmt(enc)}${fmt(pk)}${(pk / enc).toFixed(2).padStart(7)}${fmt(dec)}${fmt(up)}${(up / dec).toFixed(2).padStart(7)}`);
  }
  console.log(`ratio = package / reference (above 1: the reference is slower); worst ${worst.toFixed(2)}x, target at most 2x${worst > 2 ? '  ** MISSED **' : ''}  (${sink > 0 ? 'ok' : ''})`);
}
