// Transfer vectors (spec/14-data-plane.md 14.8): xbegin validation as a single frame, planning,
// the frames a sender emits, the binary chunk frame, and whole receive scenarios.
import { sha256 } from '@noble/hashes/sha2.js';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case, FileSpec } from './lib.ts';
import { ADA, BOB, CAT, NOTES, recv, ROSTER, type Flag } from './dataplane-lib.ts';

const CHUNK = 49152;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const hashOf = (b: Uint8Array) => hex(sha256(b));
const E = (code: string) => ({ error: code });
const ALL = ['xfer.v1', 'xfer.v2', 'xfer.dl', 'xfer.resume'];

// ---- xfer.plan, xfer.send, chunk frames ---------------------------------------------------

const plan = (name: string, description: string, covers: string[], input: JsonObject, flags: Flag[] = [], error?: string): Case => ({
  name, description, covers, op: 'xfer.plan', input, flags, ...(error ? { error } : {}),
});
const send = (name: string, description: string, covers: string[], input: JsonObject, flags: Flag[] = [], error?: string): Case => ({
  name, description, covers, op: 'xfer.send', input, flags, ...(error ? { error } : {}),
});
const frame = (name: string, description: string, covers: string[], input: JsonObject, flags: Flag[] = [], error?: string): Case => ({
  name, description, covers, op: 'xfer.chunkFrame', input, flags, ...(error ? { error } : {}),
});
const parse = (name: string, description: string, covers: string[], h: string, flags: Flag[] = [], error?: string): Case => ({
  name, description, covers, op: 'xfer.parseChunkFrame', input: { hex: h }, flags, ...(error ? { error } : {}),
});

/** A frame header by hand: idLen, id bytes, u32 LE index. */
const header = (idLen: number, id: Uint8Array, i: number): string => {
  const b = Buffer.alloc(1 + id.length + 4);
  b[0] = idLen;
  Buffer.from(id).copy(b, 1);
  b.writeUInt32LE(i, 1 + id.length);
  return b.toString('hex');
};

// ---- xfer.receive scenarios -------------------------------------------------------------

type Ev = JsonObject;
const T0 = 1767225600000;
const at = (ms: number, event: Ev) => ({ at: T0 + ms, event });
const fr = (msg: JsonObject, from = BOB): Ev => ({ type: 'frame', from, msg });
const bin = (h: string, from = BOB): Ev => ({ type: 'binary', from, hex: h });
const tick: Ev = { type: 'tick' };
const begin = (id: string, size: number, o: JsonObject = {}): JsonObject => ({ k: 'xbegin', id, kind: 'file', size, n: size <= 0 ? 0 : Math.ceil(size / CHUNK), mime: 'application/octet-stream', ...o });
const chunk = (id: string, i: number, b: Uint8Array, o: JsonObject = {}): JsonObject => ({ k: 'xchunk', id, i, data: b64(b), ...o });
const end = (id: string, h?: string, o: JsonObject = {}): JsonObject => ({ k: 'xend', id, ...(h ? { hash: h } : {}), ...o });

function receive(name: string, description: string, covers: string[], steps: { at: number; event: Ev }[], o: { config?: JsonObject; flags?: Flag[] } = {}): Case {
  return { name, description, covers, op: 'xfer.receive', input: { config: { roster: ROSTER, ...(o.config ?? {}) }, start: T0, steps: steps as unknown as JsonValue[] }, flags: o.flags ?? [] };
}

const SMALL = bytes(300);
const TWO = bytes(CHUNK + 7, 3); // two chunks
const PART0 = TWO.subarray(0, CHUNK);
const PART1 = TWO.subarray(CHUNK);
const TEXT = new TextEncoder().encode('  hello from a text transfer  ');

export const dataplaneXferVectors: FileSpec = {
  file: 'dataplanexfer',
  title: 'Data plane: transfers (xbegin validation, planning, sender frames, the binary chunk frame, receive scenarios)',
  profile: 'dataplane',
  chapters: ['spec/14-data-plane.md', 'spec/11-data-connections.md'],
  notes: NOTES,
  groups: [
    {
      name: 'begin',
      description: 'xbegin as a single frame: the order of checks, ceilings, kept members, mids [XFER-03]..[XFER-06]',
      cases: [
        recv('file', 'A file transfer opens', ['XFER-03', 'XFER-05'], { k: 'xbegin', id: 'x1', kind: 'file', size: 100000, n: 3, mime: 'application/pdf', name: 'report.pdf' }, { flags: ['upstream'] }),
        recv('empty', 'An empty payload has no chunks', ['XFER-03'], { k: 'xbegin', id: 'x0', kind: 'text', size: 0, n: 0 }, { flags: ['count', 'boundary'] }),
        recv('one-chunk', '49152 bytes are one chunk', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'image', size: CHUNK, n: 1 }, { flags: ['count', 'boundary'] }),
        recv('two-chunks', '49153 bytes are two chunks', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'image', size: CHUNK + 1, n: 2 }, { flags: ['count', 'boundary'] }),
        recv('wrong-n', 'n must be ceil(size / 49152)', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: 100000, n: 2 }, { ...E('xfer.bad-count'), flags: ['count'] }),
        recv('one-chunk-claim', 'One chunk cannot carry 50 MiB', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * MIB, n: 1 }, { ...E('xfer.bad-count'), flags: ['count'] }),
        recv('chunks-for-nothing', 'An empty payload has no chunks', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: 0, n: 1 }, { ...E('xfer.bad-count'), flags: ['count'] }),
        recv('fraction-n', 'n must be an integer', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: 10, n: 1.5 }, { ...E('xfer.bad-count'), flags: ['count'] }),
        recv('fraction-size', 'A fractional size is a number >= 0 (upstream accepts it)', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: 1.5, n: 1 }, { flags: ['upstream', 'boundary'] }),
        recv('no-id', 'An xbegin without id is dropped', ['XFER-03'], { k: 'xbegin', kind: 'file', size: 1, n: 1 }, E('xfer.bad-id')),
        recv('empty-id', 'An empty id is dropped', ['XFER-03'], { k: 'xbegin', id: '', kind: 'file', size: 1, n: 1 }, E('xfer.bad-id')),
        recv('id-cut', 'An id is keyed cut to 64', ['XFER-03'], { k: 'xbegin', id: 'i'.repeat(70), kind: 'file', size: 1, n: 1 }, { flags: ['boundary'] }),
        recv('bad-kind', 'video is not a transfer kind', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'video', size: 1, n: 1 }, E('xfer.bad-kind')),
        recv('no-kind', 'A transfer needs a kind', ['XFER-03'], { k: 'xbegin', id: 'x1', size: 1, n: 1 }, E('xfer.bad-kind')),
        recv('negative-size', 'A negative size is dropped', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', size: -1, n: 0 }, E('xfer.bad-size')),
        recv('no-size', 'A transfer needs a size', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'file', n: 0 }, E('xfer.bad-size')),
        recv('kind-before-size', 'The kind is checked before the size', ['XFER-03'], { k: 'xbegin', id: 'x1', kind: 'movie', size: -1, n: 0 }, E('xfer.bad-kind')),
        recv('size-before-count', 'The ceiling is checked before n', ['XFER-03', 'XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * MIB + 1, n: 1 }, E('xfer.too-large')),
        recv('memory-limit', 'A memory receiver takes exactly 50 MiB', ['XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * MIB, n: Math.ceil((50 * MIB) / CHUNK) }, { flags: ['boundary'] }),
        recv('memory-over', 'A memory receiver drops 50 MiB + 1', ['XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * MIB + 1, n: Math.ceil((50 * MIB + 1) / CHUNK) }, { ...E('xfer.too-large'), flags: ['boundary'] }),
        recv('disk-limit', 'A disk receiver takes 1 GiB', ['XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: GIB, n: Math.ceil(GIB / CHUNK) }, { state: { sink: 'disk' }, flags: ['boundary'] }),
        recv('disk-over', 'A disk receiver drops 1 GiB + 1', ['XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: GIB + 1, n: Math.ceil((GIB + 1) / CHUNK) }, { state: { sink: 'disk' }, ...E('xfer.too-large'), flags: ['boundary'] }),
        recv('offer-50gib', 'An offer may announce up to 50 GiB', ['XFER-04', 'XFER-14'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * GIB, n: Math.ceil((50 * GIB) / CHUNK), offer: true }, { flags: ['boundary'] }),
        recv('offer-over', 'An offer above 50 GiB is dropped', ['XFER-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: 50 * GIB + 1, n: Math.ceil((50 * GIB + 1) / CHUNK), offer: true }, { ...E('xfer.too-large'), flags: ['boundary'] }),
        recv('offer-text-bad-size', 'The text-offer check comes after every step of XFER-03: a bad size is reported first', ['XFER-04', 'XFER-03'], { k: 'xbegin', id: 'x1', kind: 'text', size: -1, n: 1, offer: true }, E('xfer.bad-size')),
        recv('offer-text', 'Text is never offered', ['XFER-04', 'XFER-14'], { k: 'xbegin', id: 'x1', kind: 'text', size: 5, n: 1, offer: true }, E('xfer.bad-kind')),
        recv('kept-members', 'mime cut to 100, name trimmed and cut to 120, mid, ts, author', ['XFER-05'], { k: 'xbegin', id: 'x1', kind: 'image', size: 1, n: 1, mime: `image/${'p'.repeat(110)}`, name: `  ${'f'.repeat(130)}`, mid: 'gone#4', ts: 7, author: ' gone ', authorName: ' Dora ' }, { flags: ['sanitize', 'boundary'] }),
        recv('foreign-mid', 'A live transfer with a foreign mid gets <sender>#x<n>', ['XFER-06'], { k: 'xbegin', id: 'x1', kind: 'image', size: 1, n: 1, mid: `${ADA}#4` }, { state: { recvSeq: 3 }, flags: ['mid-suppression'] }),
        recv('foreign-mid-replay', 'A replay keeps the original mid', ['XFER-06'], { k: 'xbegin', id: 'x1', kind: 'image', size: 1, n: 1, mid: `${ADA}#4`, author: ADA }, { flags: ['mid-suppression'] }),
        recv('media-duplicate', 'A held public media mid drops the transfer', ['XFER-06', 'CONT-12'], { k: 'xbegin', id: 'x2', kind: 'image', size: 1, n: 1, mid: `${BOB}#4` }, { state: { held: [{ mid: `${BOB}#4` }] }, ...E('cont.duplicate'), flags: ['dedup'] }),
        recv('text-no-media-dedup', 'A text transfer is not deduplicated at xbegin', ['XFER-06'], { k: 'xbegin', id: 'x2', kind: 'text', size: 1, n: 1, mid: `${BOB}#4` }, { state: { held: [{ mid: `${BOB}#4` }] } }),
        recv('dm-media-no-dedup', 'A private image is not deduplicated', ['XFER-06'], { k: 'xbegin', id: 'x2', kind: 'image', size: 1, n: 1, mid: `${BOB}#4`, dm: true }, { state: { held: [{ mid: `${BOB}#4` }] } }),
        recv('chunk', 'A base64 chunk', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: 'AAEC' }, { flags: ['upstream'] }),
        recv('chunk-unpadded', 'Padding is optional', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 1, data: 'AAE' }),
        recv('chunk-trailing-bits', 'Unused trailing bits are ignored', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 1, data: 'AAF=' }),
        recv('chunk-padding-incomplete', 'Padding that does not complete a group of four does not decode', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: 'AA=' }, E('xfer.bad-chunk')),
        recv('chunk-whitespace', 'Whitespace is not in the alphabet (WHATWG would remove it)', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: ' AAAA' }, E('xfer.bad-chunk')),
        recv('chunk-len-1-mod-4', 'Data of length 1 modulo 4 does not decode', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: 'AAAAA' }, E('xfer.bad-chunk')),
        recv('chunk-bad-char', 'base64url is not base64', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: 'AA-_' }, E('xfer.bad-chunk')),
        recv('chunk-inner-padding', '= only at the end', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0, data: 'AA=A' }, E('xfer.bad-chunk')),
        recv('chunk-no-data', 'A chunk needs data', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0 }, E('xfer.bad-chunk')),
        recv('chunk-negative', 'A negative index is dropped', ['XFER-08'], { k: 'xchunk', id: 'x1', i: -1, data: 'AA==' }, E('xfer.bad-index')),
        recv('chunk-fraction', 'A fractional index is dropped', ['XFER-08'], { k: 'xchunk', id: 'x1', i: 0.5, data: 'AA==' }, E('xfer.bad-index')),
        recv('chunk-no-index', 'A chunk needs an index', ['XFER-08'], { k: 'xchunk', id: 'x1', data: 'AA==' }, E('xfer.bad-index')),
        recv('chunk-no-id', 'A chunk needs a transfer id', ['XFER-08'], { k: 'xchunk', i: 0, data: 'AA==' }, E('xfer.bad-id')),
        recv('end-hash', 'xend keeps its hash exactly', ['XFER-11'], { k: 'xend', id: 'x1', hash: 'ABC' }),
        recv('end-no-id', 'xend needs a transfer id', ['XFER-11'], { k: 'xend' }, E('xfer.bad-id')),
        recv('resume-have', 'xresume carries have', ['XFER-19'], { k: 'xresume', id: 'x1', have: 4 }),
        recv('resume-negative', 'A negative have is 0', ['XFER-19'], { k: 'xresume', id: 'x1', have: -2 }, { flags: ['upstream'] }),
        recv('resume-fraction', 'A fractional have is 0', ['XFER-19'], { k: 'xresume', id: 'x1', have: 2.5 }, { flags: ['upstream'] }),
        recv('ack', 'xack names the transfer', ['XFER-20'], { k: 'xack', id: 'x1', dm: true }),
        recv('cancel-no-id', 'xcancel needs a transfer id', ['XFER-15'], { k: 'xcancel' }, E('xfer.bad-id')),
      ],
    },
    {
      name: 'plan',
      description: 'xfer.plan: chunk arithmetic, routes by size and feature tags [XFER-01], [XFER-02], [XFER-21]',
      cases: [
        plan('empty', 'An empty payload has no chunks', ['XFER-21', 'XFER-02'], { size: 0, kind: 'text', features: ALL }, ['count', 'boundary']),
        plan('one-byte', 'One byte is one chunk', ['XFER-21'], { size: 1, kind: 'text', features: ALL }, ['count']),
        plan('one-chunk', '49152 bytes are exactly one chunk', ['XFER-21'], { size: CHUNK, kind: 'image', features: ALL }, ['count', 'boundary']),
        plan('two-chunks', '49153 bytes are two chunks, the last of one byte', ['XFER-21'], { size: CHUNK + 1, kind: 'image', features: ALL }, ['count', 'boundary']),
        plan('inline-limit', 'Up to 50 MiB is sent inline', ['XFER-02', 'XFER-21'], { size: 50 * MIB, kind: 'file', features: ALL }, ['boundary']),
        plan('stream', 'Above 50 MiB a file is streamed', ['XFER-02', 'XFER-21'], { size: 50 * MIB + 1, kind: 'file', features: ALL }, ['boundary']),
        plan('text-too-big', 'Text above 50 MiB cannot be sent', ['XFER-02'], { size: 50 * MIB + 1, kind: 'text', features: ALL }, ['boundary']),
        plan('stream-limit', 'Up to 1 GiB is streamed', ['XFER-02'], { size: GIB, kind: 'image', features: ALL }, ['boundary']),
        plan('offer', 'Above 1 GiB a file is offered to a peer with xfer.dl', ['XFER-02', 'XFER-01'], { size: GIB + 1, kind: 'file', features: ALL }, ['boundary', 'negotiation']),
        plan('no-dl', 'Above 1 GiB a peer without xfer.dl cannot be sent the file', ['XFER-02', 'XFER-01'], { size: GIB + 1, kind: 'file', features: ['xfer.v1', 'xfer.v2'] }, ['negotiation']),
        plan('legacy-chat', 'Text to a peer without xfer.v1 is a chat line', ['XFER-01'], { size: 12, kind: 'text', features: ['chat.v1'] }, ['negotiation', 'upstream']),
        plan('legacy-img', 'An image to a peer without xfer.v1 is an img', ['XFER-01'], { size: 5000, kind: 'image', features: [] }, ['negotiation', 'upstream']),
        plan('legacy-file', 'A file cannot reach a peer without xfer.v1', ['XFER-01'], { size: 5000, kind: 'file', features: ['chat.v1'] }, ['negotiation']),
        plan('legacy-large-image', 'A large image cannot reach a peer without xfer.v1', ['XFER-01', 'XFER-02'], { size: 50 * MIB + 1, kind: 'image', features: [] }, ['negotiation']),
        plan('base64', 'Without xfer.v2 chunks travel as base64', ['XFER-01'], { size: 10, kind: 'file', features: ['xfer.v1', 'xfer.resume'] }, ['negotiation']),
        plan('self-no-v2', 'Binary needs both sides', ['XFER-01'], { size: 10, kind: 'file', features: ALL, self: ['xfer.v1'] }, ['negotiation']),
        plan('resume-both', 'Resume needs both sides', ['XFER-01', 'XFER-21'], { size: 10, kind: 'file', features: ['xfer.v1'], self: ALL }, ['negotiation']),
        plan('negative', 'A negative size is refused', ['XFER-21'], { size: -1, kind: 'file', features: ALL }, [], 'xfer.bad-size'),
        plan('fraction', 'A payload has whole bytes', ['XFER-21'], { size: 2.5, kind: 'file', features: ALL }, [], 'xfer.bad-size'),
        plan('over-every-ceiling', 'Above 50 GiB nobody can receive it', ['XFER-21', 'XFER-02'], { size: 50 * GIB + 1, kind: 'file', features: ALL }, ['boundary'], 'xfer.too-large'),
        plan('at-every-ceiling', 'Exactly 50 GiB can still be offered', ['XFER-02'], { size: 50 * GIB, kind: 'file', features: ALL }, ['boundary']),
      ],
    },
    {
      name: 'send',
      description: 'xfer.send: the frames of a transfer, an offer and a resumed leg [XFER-12], [XFER-13], [XFER-19], [XFER-22]',
      cases: [
        send('text-base64', 'A public text transfer: xbegin with mid and ts, one base64 chunk, xend with the hash', ['XFER-13', 'XFER-12', 'XFER-22'], { id: 'x1', kind: 'text', payload: hex(new TextEncoder().encode('hi')), framing: 'base64', mid: `${BOB}#1`, ts: T0 }, ['upstream']),
        send('binary', 'A file to an xfer.v2 peer: binary chunk frames', ['XFER-13', 'XFER-22', 'WIRE-48'], { id: 'x1', kind: 'file', payload: hex(SMALL), framing: 'binary', mime: 'application/octet-stream', name: 'a.bin' }, ['framing']),
        send('dm', 'A private image: dm on every JSON frame', ['XFER-13', 'CONT-06'], { id: 'x2', kind: 'image', payload: hex(bytes(10)), framing: 'base64', mime: 'image/png', dm: true }),
        send('empty', 'An empty payload: xbegin and xend only', ['XFER-13', 'XFER-12'], { id: 'x0', kind: 'file', payload: '', framing: 'base64' }, ['boundary']),
        send('offer', 'An offer is the xbegin alone', ['XFER-14', 'XFER-22'], { id: 'x9', kind: 'file', payload: hex(bytes(10)), framing: 'binary', name: 'big.iso', offer: true }),
        send('resumed-leg', 'A resumed leg from chunk 1: no xbegin, the rest, xend with the whole hash', ['XFER-19', 'XFER-25', 'XFER-22'], { id: 'x3', kind: 'file', payload: hex(TWO), framing: 'binary', from: 1 }, ['resume', 'hardening']),
        send('replay-author', 'A replayed line carries its original author', ['XFER-13', 'XFER-06'], { id: 'x4', kind: 'text', payload: hex(new TextEncoder().encode('old')), framing: 'base64', mid: `${CAT}#2`, ts: T0, author: CAT, authorName: 'Cat' }),
        send('long-id-binary', 'A binary frame id is at most 64 UTF-8 bytes', ['XFER-13', 'WIRE-48'], { id: '\u20ac'.repeat(22), kind: 'file', payload: '00', framing: 'binary' }, ['framing', 'boundary'], 'wire.header-id-length'),
      ],
    },
    {
      name: 'frame',
      description: 'The binary chunk frame: [idLen u8][id][i u32 LE][payload] [XFER-10], [XFER-23], [WIRE-48]..[WIRE-50]',
      cases: [
        frame('basic', 'id x1, index 3, two bytes', ['XFER-23', 'WIRE-48'], { id: 'x1', i: 3, payload: 'abcd' }, ['framing']),
        frame('little-endian', 'The index is little-endian', ['XFER-23', 'WIRE-48'], { id: 'a', i: 0x01020304, payload: '' }, ['framing']),
        frame('max-index', 'The largest index', ['WIRE-48'], { id: 'a', i: 0xffffffff, payload: 'ff' }, ['boundary']),
        frame('index-over', '2^32 is not an index', ['WIRE-48'], { id: 'a', i: 0x100000000, payload: 'ff' }, ['boundary'], 'wire.header-index'),
        frame('index-negative', '-1 is not an index', ['WIRE-48'], { id: 'a', i: -1, payload: 'ff' }, [], 'wire.header-index'),
        frame('uuid', 'A UUID id as upstream mints them', ['WIRE-48'], { id: '0f8fad5b-d9cb-469f-a165-70867728950e', i: 0, payload: '00ff' }, ['upstream']),
        frame('id-64', 'A 64-byte id', ['WIRE-48'], { id: 'i'.repeat(64), i: 1, payload: '' }, ['boundary']),
        frame('id-65', 'A 65-byte id is refused', ['WIRE-48'], { id: 'i'.repeat(65), i: 1, payload: '' }, ['boundary'], 'wire.header-id-length'),
        frame('id-empty', 'An empty id is refused', ['WIRE-48'], { id: '', i: 1, payload: '' }, [], 'wire.header-id-length'),
        frame('id-utf8-bytes', 'The id length counts UTF-8 bytes: 22 euro signs are 66', ['WIRE-48'], { id: '\u20ac'.repeat(22), i: 1, payload: '' }, ['framing', 'boundary'], 'wire.header-id-length'),
        parse('parse-basic', 'Reads id, index and payload', ['XFER-23', 'XFER-10'], `${header(2, Buffer.from('x1'), 3)}abcd`, ['framing']),
        parse('parse-little-endian', 'Reads a little-endian index', ['XFER-23'], `${header(1, Buffer.from('a'), 0x01020304)}`, ['framing']),
        parse('parse-empty-payload', 'A frame may carry no payload', ['XFER-23'], header(1, Buffer.from('z'), 0), ['boundary']),
        parse('parse-four-bytes', 'Four bytes are too short', ['WIRE-49'], '01610000', ['boundary'], 'wire.header-truncated'),
        parse('parse-idlen-0', 'idLen 0 is refused', ['WIRE-49'], '0000000000', [], 'wire.header-id-length'),
        parse('parse-idlen-65', 'idLen 65 is refused', ['WIRE-49'], `41${'61'.repeat(65)}00000000`, ['boundary'], 'wire.header-id-length'),
        parse('parse-idlen-65-short', 'idLen 65 is refused before the length is looked at', ['WIRE-49'], '4161616161', [], 'wire.header-id-length'),
        parse('parse-truncated-index', 'An id of 3 bytes needs 8 bytes in all', ['WIRE-49'], '03616263000000', ['boundary'], 'wire.header-truncated'),
        parse('parse-bad-utf8', 'An id that is not UTF-8 is refused', ['WIRE-50'], `02c328${'00'.repeat(4)}`, ['hardening'], 'wire.header-id-utf8'),
      ],
    },
    {
      name: 'receive',
      description: 'xfer.receive: transfers through the receiver machine [XFER-07]..[XFER-20], [XFER-24]',
      cases: [
        receive('file', 'A one-chunk file completes with its hash', ['XFER-11', 'XFER-24'], [
          at(10, fr(begin('x1', SMALL.length))), at(20, fr(chunk('x1', 0, SMALL))), at(30, fr(end('x1', hashOf(SMALL)))),
        ], { flags: ['integrity', 'upstream'] }),
        receive('text-line', 'A public text transfer becomes a chat line', ['XFER-11', 'CONT-10'], [
          at(10, fr({ k: 'xbegin', id: 't1', kind: 'text', size: TEXT.length, n: 1, mid: `${BOB}#3`, ts: T0 + 5 })), at(11, fr(chunk('t1', 0, TEXT))), at(12, fr(end('t1', hashOf(TEXT)))),
        ], { flags: ['upstream'] }),
        receive('text-foreign-mid', 'A live text transfer with a foreign mid is scoped to its sender', ['XFER-06', 'XFER-11'], [
          at(10, fr({ k: 'xbegin', id: 't1', kind: 'text', size: 2, n: 1, mid: `${ADA}#3` })), at(11, fr(chunk('t1', 0, Buffer.from('hi')))), at(12, fr(end('t1'))),
        ], { flags: ['mid-suppression'] }),
        receive('text-dm', 'A private text transfer is a private line', ['XFER-11'], [
          at(10, fr({ k: 'xbegin', id: 't1', kind: 'text', size: 2, n: 1, dm: true })), at(11, fr(chunk('t1', 0, Buffer.from('hi'), { dm: true }))), at(12, fr(end('t1', undefined, { dm: true }))),
        ]),
        receive('text-blank', 'A blank text transfer completes without a line', ['XFER-11'], [
          at(10, fr({ k: 'xbegin', id: 't1', kind: 'text', size: 3, n: 1 })), at(11, fr(chunk('t1', 0, Buffer.from('   ')))), at(12, fr(end('t1'))),
        ]),
        receive('two-chunks', 'Two chunks, in order', ['XFER-09', 'XFER-11'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(30, fr(chunk('x1', 1, PART1))), at(40, fr(end('x1', hashOf(TWO)))),
        ], { flags: ['integrity'] }),
        receive('out-of-order-memory', 'An in-memory transfer takes chunks in any order', ['XFER-09'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 1, PART1))), at(30, fr(chunk('x1', 0, PART0))), at(40, fr(end('x1', hashOf(TWO)))),
        ]),
        receive('empty', 'An empty transfer completes at xend', ['XFER-11', 'XFER-03'], [
          at(10, fr(begin('x0', 0))), at(20, fr(end('x0', hashOf(new Uint8Array(0))))),
        ], { flags: ['boundary'] }),
        receive('no-hash', 'A transfer without a hash completes unchecked', ['XFER-12', 'XFER-11'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 0, bytes(3)))), at(30, fr(end('x1'))),
        ], { flags: ['upstream'] }),
        receive('wrong-hash', 'A wrong hash fails the transfer', ['XFER-11'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 0, bytes(3)))), at(30, fr(end('x1', hashOf(bytes(3, 9))))),
        ], { flags: ['integrity'] }),
        receive('uppercase-hash', 'The hash is compared as lower-case hex, exactly', ['XFER-11', 'XFER-12'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 0, bytes(3)))), at(30, fr(end('x1', hashOf(bytes(3)).toUpperCase()))),
        ], { flags: ['integrity', 'upstream'] }),
        receive('incomplete', 'xend before the last chunk fails the transfer', ['XFER-11'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(40, fr(end('x1'))),
        ], { flags: ['integrity'] }),
        receive('hash-before-completeness', 'The hash is compared before completeness', ['XFER-11'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(40, fr(end('x1', hashOf(TWO)))),
        ], { flags: ['integrity'] }),
        receive('duplicate-chunk', 'A duplicate chunk is dropped and the transfer still completes', ['XFER-09'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(25, fr(chunk('x1', 0, PART0))), at(30, fr(chunk('x1', 1, PART1))), at(40, fr(end('x1', hashOf(TWO)))),
        ], { flags: ['integrity'] }),
        receive('chunk-past-size', 'A chunk past the declared size is dropped', ['XFER-09'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 0, bytes(4)))), at(30, fr(chunk('x1', 0, bytes(3)))), at(40, fr(end('x1', hashOf(bytes(3))))),
        ], { flags: ['integrity', 'boundary'] }),
        receive('index-out-of-range', 'An index not below n is dropped', ['XFER-09'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 1, bytes(3)))), at(30, fr(end('x1'))),
        ], { flags: ['integrity'] }),
        receive('unknown-transfer', 'A chunk or xend without its xbegin is dropped', ['XFER-09', 'XFER-11'], [
          at(10, fr(chunk('x9', 0, bytes(3)))), at(20, fr(end('x9'))),
        ]),
        receive('other-sender', 'Transfers are keyed by sender: another peer cannot feed yours', ['XFER-09', 'CONT-01'], [
          at(10, fr(begin('x1', 3))), at(20, fr(chunk('x1', 0, bytes(3, 7)), CAT)), at(30, fr(chunk('x1', 0, bytes(3)))), at(40, fr(end('x1', hashOf(bytes(3))))),
        ], { flags: ['attribution'] }),
        receive('fifth-transfer', 'A fifth open transfer from one sender is dropped', ['XFER-07'], [
          at(10, fr(begin('a', 1))), at(11, fr(begin('b', 1))), at(12, fr(begin('c', 1))), at(13, fr(begin('d', 1))), at(14, fr(begin('e', 1))), at(15, fr(begin('f', 1), ADA)),
        ], { flags: ['concurrency', 'boundary'] }),
        receive('slot-freed', 'A finished transfer frees its slot', ['XFER-07'], [
          at(10, fr(begin('a', 1))), at(11, fr(begin('b', 1))), at(12, fr(begin('c', 1))), at(13, fr(begin('d', 1))),
          at(14, fr(chunk('a', 0, bytes(1)))), at(15, fr(end('a'))), at(16, fr(begin('e', 1))),
        ], { flags: ['concurrency'] }),
        receive('duplicate-begin', 'A second xbegin for an open transfer is dropped', ['XFER-07'], [
          at(10, fr(begin('x1', 3))), at(11, fr(begin('x1', 5))), at(20, fr(chunk('x1', 0, bytes(3)))), at(30, fr(end('x1'))),
        ]),
        receive('bad-begin', 'A bad xbegin is dropped with its code', ['XFER-03'], [
          at(10, fr({ k: 'xbegin', id: 'x1', kind: 'file', size: 100000, n: 1 })),
        ], { flags: ['count'] }),
        receive('binary', 'Binary chunk frames feed the transfer of their id', ['XFER-10', 'XFER-09'], [
          at(10, fr(begin('x1', TWO.length))), at(20, bin(`${header(2, Buffer.from('x1'), 0)}${hex(PART0)}`)), at(30, bin(`${header(2, Buffer.from('x1'), 1)}${hex(PART1)}`)), at(40, fr(end('x1', hashOf(TWO)))),
        ], { flags: ['framing', 'integrity'] }),
        receive('binary-idlen-65', 'A binary frame with idLen 65 is dropped', ['XFER-10', 'WIRE-49'], [
          at(10, fr(begin('x1', 1))), at(20, bin(`41${'61'.repeat(65)}0000000000`)),
        ], { flags: ['framing', 'boundary'] }),
        receive('binary-not-permitted', 'A binary frame from a sender that may not act is dropped before its header is read', ['XFER-10', 'CONT-05'], [at(10, bin('0278'))], { config: { senderMayAct: false }, flags: ['framing'] }),
        receive('binary-short', 'A binary frame shorter than its header is dropped', ['XFER-10', 'WIRE-49'], [at(10, bin('0278'))], { flags: ['framing'] }),
        receive('media-dedup', 'A second transfer of a held public image is dropped; the held mid is released on failure', ['XFER-06'], [
          at(10, fr({ k: 'xbegin', id: 'i1', kind: 'image', size: 1, n: 1, mid: `${BOB}#9` })),
          at(11, fr({ k: 'xbegin', id: 'i2', kind: 'image', size: 1, n: 1, mid: `${BOB}#9` })),
          at(12, fr(end('i1'))),
          at(13, fr({ k: 'xbegin', id: 'i3', kind: 'image', size: 1, n: 1, mid: `${BOB}#9` })),
        ], { flags: ['dedup'] }),
        receive('stall', 'A transfer with no chunk for more than 30000 ms fails', ['XFER-16'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(30020, tick), at(30021, tick),
        ], { flags: ['timer', 'boundary'] }),
        receive('resume-memory', 'A stalled in-memory transfer holding a prefix asks to resume, then completes', ['XFER-18', 'XFER-16', 'XFER-26'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(30021, tick),
          at(31000, fr(chunk('x1', 1, PART1))), at(31001, fr(end('x1', hashOf(TWO)))),
        ], { config: { resume: true }, flags: ['resume', 'hardening'] }),
        receive('resume-tries', 'A disk transfer asks three times, then fails', ['XFER-16', 'XFER-17'], [
          at(10, fr(begin('x1', 60 * MIB))), at(20, fr(chunk('x1', 0, bytes(CHUNK, 5)))),
          at(30021, tick), at(60022, tick), at(90023, tick), at(120024, tick),
        ], { config: { resume: true, sink: 'disk' }, flags: ['resume', 'timer'] }),
        receive('disk-order', 'A disk transfer takes chunks only in order', ['XFER-09', 'XFER-07'], [
          at(10, fr(begin('x1', 60 * MIB))), at(20, fr(chunk('x1', 1, bytes(CHUNK, 5)))), at(21, fr(chunk('x1', 0, bytes(CHUNK, 5)))),
        ], { config: { sink: 'disk' }, flags: ['integrity'] }),
        receive('no-resume-without-feature', 'Without xfer.resume a stalled disk transfer just fails', ['XFER-17', 'XFER-16'], [
          at(10, fr(begin('x1', 60 * MIB))), at(20, fr(chunk('x1', 0, bytes(CHUNK, 5)))), at(30021, tick),
        ], { config: { sink: 'disk' }, flags: ['resume'] }),
        receive('link-open-nudge', 'When the sender\'s bulk reopens, resumable transfers ask at once', ['XFER-17'], [
          at(10, fr(begin('x1', 60 * MIB))), at(20, fr(chunk('x1', 0, bytes(CHUNK, 5)))), at(500, { type: 'link-open', from: BOB }), at(501, { type: 'link-open', from: ADA }),
        ], { config: { resume: true, sink: 'disk' }, flags: ['resume'] }),
        receive('resume-resent-chunk', 'A re-sent chunk the receiver already holds is dropped', ['XFER-09', 'XFER-19'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(30021, tick),
          at(30100, fr(chunk('x1', 0, PART0))), at(30101, fr(chunk('x1', 1, PART1))), at(30102, fr(end('x1', hashOf(TWO)))),
        ], { config: { resume: true }, flags: ['resume', 'hardening'] }),
        receive('xack', 'A receiver with resume acknowledges a completed ordered transfer (an accepted offer)', ['XFER-20'], [
          at(10, fr({ k: 'xbegin', id: 'o1', kind: 'file', size: 4, n: 1, offer: true, dm: true })),
          at(20, { type: 'local', op: 'accept', from: BOB, id: 'o1' }),
          at(40, fr(chunk('o1', 0, bytes(4), { dm: true }))), at(50, fr(end('o1', hashOf(bytes(4)), { dm: true }))),
        ], { config: { resume: true, download: true }, flags: ['resume'] }),
        receive('offer-no-dl', 'A receiver without xfer.dl declines an offer at once', ['XFER-14'], [
          at(10, fr({ k: 'xbegin', id: 'o1', kind: 'file', size: 2 * GIB, n: Math.ceil((2 * GIB) / CHUNK), name: 'disk.img', offer: true })),
        ], { flags: ['negotiation'] }),
        receive('offer-accept', 'An accepted offer opens an ordered transfer; the repeated xbegin is ignored', ['XFER-14'], [
          at(10, fr({ k: 'xbegin', id: 'o1', kind: 'file', size: 4, n: 1, name: 'disk.img', offer: true })),
          at(20, { type: 'local', op: 'accept', from: BOB, id: 'o1' }),
          at(30, fr({ k: 'xbegin', id: 'o1', kind: 'file', size: 4, n: 1, name: 'disk.img' })),
          at(40, fr(chunk('o1', 0, bytes(4)))), at(50, fr(end('o1', hashOf(bytes(4))))),
        ], { config: { download: true }, flags: ['negotiation'] }),
        receive('offer-accept-xbegin-after-chunk', 'After a chunk of an accepted offer, a repeated xbegin is a duplicate', ['XFER-07', 'XFER-14'], [
          at(10, fr({ k: 'xbegin', id: 'o2', kind: 'file', size: CHUNK + 4, n: 2, name: 'disk.img', offer: true })),
          at(20, { type: 'local', op: 'accept', from: BOB, id: 'o2' }),
          at(30, fr(chunk('o2', 0, bytes(CHUNK)))),
          at(40, fr({ k: 'xbegin', id: 'o2', kind: 'file', size: CHUNK + 4, n: 2, name: 'disk.img' })),
        ], { config: { download: true }, flags: ['negotiation'] }),
        receive('offer-decline', 'A declined offer is answered with xdecline and forgotten', ['XFER-14'], [
          at(10, fr({ k: 'xbegin', id: 'o1', kind: 'image', size: 4, n: 1, offer: true, dm: true })),
          at(20, { type: 'local', op: 'decline', from: BOB, id: 'o1' }), at(30, fr(chunk('o1', 0, bytes(4)))),
        ], { config: { download: true } }),
        receive('sender-cancels', 'xcancel from the sender fails the transfer', ['XFER-15'], [
          at(10, fr(begin('x1', TWO.length))), at(20, fr(chunk('x1', 0, PART0))), at(30, fr({ k: 'xcancel', id: 'x1' })), at(40, fr(chunk('x1', 1, PART1))),
        ]),
        receive('receiver-cancels', 'A receiver that cancels tells the sender', ['XFER-15'], [
          at(10, fr(begin('x1', TWO.length))), at(20, { type: 'local', op: 'cancel', from: BOB, id: 'x1' }),
        ]),
        receive('other-kinds', 'Frames that are not transfers produce nothing', ['XFER-24'], [
          at(10, fr({ k: 'chat', text: 'hi' })), at(20, fr({ k: 'xaccept', id: 'x1' })), at(30, fr({ k: 'nope' })),
        ]),
      ],
    },
  ],
};
