// PeerJS chunking as the judge reads and writes it (spec/11-data-connections.md, WIRE-36..WIRE-44):
// a BinaryPack message longer than 16300 bytes travels as BinaryPack maps
// {__peerData: <message id>, n: <index>, data: <raw slice>, total}, each slice 16300 bytes but the
// last, and the receiver joins the slices of one id in index order.
import { decodeBinaryPack, encodeBinaryPack, type PackValue } from './binarypack.ts';

/** PeerJS's `chunkedMTU`: the largest message sent whole, and the size of every slice but the last. */
export const CHUNK_MTU = 16300;

/** Splits one packed message the way PeerJS 1.5.5 does (messages of at most CHUNK_MTU bytes go whole). */
export function chunkMessage(bytes: Uint8Array, id: number): Uint8Array[] {
  if (bytes.length <= CHUNK_MTU) return [bytes];
  const total = Math.ceil(bytes.length / CHUNK_MTU);
  const out: Uint8Array[] = [];
  for (let n = 0; n < total; n++) {
    out.push(encodeBinaryPack({ __peerData: id, n, data: bytes.subarray(n * CHUNK_MTU, (n + 1) * CHUNK_MTU), total }));
  }
  return out;
}

export type ChunkEvent =
  | { kind: 'frame'; value: PackValue; size: number; chunks: number }
  | { kind: 'close' }
  | { kind: 'partial' }
  | { kind: 'violation'; requirement: string; message: string };

interface Pending {
  total: number;
  parts: (Uint8Array | undefined)[];
  count: number;
}

/** Incomplete chunked messages a receiver holds per connection [WIRE-43]. */
const MAX_PENDING = 4;

type Obj = { [key: string]: PackValue };
const isObj = (v: PackValue): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Reads the messages of one direction of one BinaryPack connection: whole frames, chunks, violations. */
export class ChunkReader {
  readonly #pending = new Map<number, Pending>();

  read(bytes: Uint8Array): ChunkEvent {
    const d = decodeBinaryPack(bytes);
    if (!d.ok) return { kind: 'violation', requirement: d.requirement, message: `a ${bytes.length}-byte message is not BinaryPack as PeerJS writes it: ${d.error} (at byte ${d.at})` };
    const v = d.value;
    if (isObj(v) && '__peerData' in v) {
      const pd = v.__peerData;
      if (isObj(pd) && pd.type === 'close') return { kind: 'close' };
      return this.#chunk(v);
    }
    if (bytes.length > CHUNK_MTU) {
      return { kind: 'violation', requirement: 'WIRE-36', message: `a ${bytes.length}-byte message was sent whole: a sender splits anything over ${CHUNK_MTU} bytes into __peerData chunks` };
    }
    return { kind: 'frame', value: v, size: bytes.length, chunks: 0 };
  }

  #chunk(c: Obj): ChunkEvent {
    const { __peerData: id, n, total, data } = c;
    const bad = (message: string): ChunkEvent => ({ kind: 'violation', requirement: 'WIRE-36', message: `chunk ${JSON.stringify(id)}/${JSON.stringify(n)}: ${message}` });
    if (typeof id !== 'number' || !Number.isInteger(id)) return bad('__peerData is not an integer chunk id');
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 2) return bad(`total ${JSON.stringify(total)} is not an integer of at least 2`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= total) return bad(`n is not an index below total ${total}`);
    if (!(data instanceof Uint8Array)) return bad('data is not raw bytes');
    if (JSON.stringify(Object.keys(c)) !== JSON.stringify(['__peerData', 'n', 'data', 'total'])) return bad(`members ${JSON.stringify(Object.keys(c))}, not __peerData, n, data, total in this order`);
    if (data.length > CHUNK_MTU || (n < total - 1 && data.length !== CHUNK_MTU)) return bad(`${data.length} bytes: every slice but the last is ${CHUNK_MTU} bytes`);
    let p = this.#pending.get(id);
    if (!p) {
      if (this.#pending.size >= MAX_PENDING) return bad(`more than ${MAX_PENDING} chunked messages open at once: a sender sends the chunks of one message consecutively`);
      p = { total, parts: new Array<Uint8Array | undefined>(total).fill(undefined), count: 0 };
      this.#pending.set(id, p);
    }
    if (p.total !== total) return bad(`total ${total} differs from an earlier chunk's ${p.total}`);
    if (n !== p.count) return bad(`arrived after ${p.count} chunk(s) of this message: chunks go in order`);
    p.parts[n] = data;
    p.count += 1;
    if (p.count < total) return { kind: 'partial' };
    this.#pending.delete(id);
    const whole = new Uint8Array(p.parts.reduce((s, b) => s + b!.length, 0));
    let off = 0;
    for (const b of p.parts) {
      whole.set(b!, off);
      off += b!.length;
    }
    if (whole.length <= CHUNK_MTU) return { kind: 'violation', requirement: 'WIRE-37', message: `a ${whole.length}-byte message was chunked: a message of at most ${CHUNK_MTU} bytes goes whole` };
    const d = decodeBinaryPack(whole);
    if (!d.ok) return { kind: 'violation', requirement: d.requirement, message: `reassembled ${whole.length}-byte message ${id} is not BinaryPack as PeerJS writes it: ${d.error}` };
    return { kind: 'frame', value: d.value, size: whole.length, chunks: total };
  }
}
