// vectors/wirechunking.json: what a sender puts on a data channel (wire.chunk) and what a receiver
// makes of a sequence of data-channel messages (wire.reassemble): PeerJS chunking at the 16300-byte
// threshold, control frames, reassembly with its bounds, and the JSON serialization
// (spec/11-data-connections.md 11.6, 11.7). Receive vectors use small hand-made chunks: a receiver
// judges a chunk by its fields, not its size. Every binary frame is cross-checked against
// peerjs-js-binarypack (wire-crosscheck.ts); tests/wire/peerjs-receiver.test.ts feeds the same
// vectors to PeerJS's own receiving connection.
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../reference/encoding/json.ts';
import { chunkMessage } from '../../reference/wire/chunking.ts';
import { encode } from '../../reference/wire/encode.ts';
import { toHex } from '../../reference/wire/tagged-json.ts';
import { WireMap } from '../../reference/wire/value.ts';
import type { Case, FileSpec, Group } from './lib.ts';
import { CAPTURED_APP_CHUNKS } from './wire-captured.ts';
import { capturedValue } from './wire-captured-values.ts';
import { crossChecked } from './wire-crosscheck.ts';

/** Pseudo-random bytes of a given length (a sender chunks bytes without looking inside). */
const bytesOfLength = (n: number, seed = 7): string => {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return toHex(out);
};

const chunk = (name: string, description: string, length: number, chunkId: number, covers: string[], flags: string[] = []): Case => ({
  name,
  description,
  op: 'wire.chunk',
  input: { hex: bytesOfLength(length, chunkId), chunkId },
  covers,
  flags,
});

type Frame = string | { text: string };
const reassemble = (name: string, description: string, frames: Frame[], covers: string[], flags: string[] = [], serialization?: 'json', peerjs?: JsonValue): Case => ({
  name,
  description,
  op: 'wire.reassemble',
  input: { frames: frames as JsonValue, ...(serialization ? { serialization } : {}) },
  covers,
  flags,
  ...(peerjs ? { intermediates: { peerjs } } : {}),
});

/** The hex of a value, through the reference encoder (the cross-check holds it to PeerJS). */
const hexOf = (v: unknown): string => {
  const r = encode(v);
  if (!r.ok) throw new Error(`cannot encode a vector frame: ${r.error.message}`);
  return toHex(r.value);
};
const slice = (hex: string, from: number, to?: number) => new Uint8Array(Buffer.from(hex.slice(from * 2, to === undefined ? undefined : to * 2), 'hex'));
/** A chunk frame with exactly these members (any values, for malformed chunks too). */
const frame = (id: unknown, n: unknown, data: unknown, total: unknown): string => hexOf({ __peerData: id, n, data, total });

const PING = hexOf({ t: 'ping' }); // 81 b1 74 b4 70696e67: 8 bytes
const CAP = hexOf({ t: 'cap', bulk: 1 });
/** {t: 'ping'} in three chunks of message `id`. */
const ping3 = (id: number, total = 3) => [frame(id, 0, slice(PING, 0, 3), total), frame(id, 1, slice(PING, 3, 6), total), frame(id, 2, slice(PING, 6), total)];
const cap2 = (id: number) => [frame(id, 0, slice(CAP, 0, 6), 2), frame(id, 1, slice(CAP, 6), 2)];
const CLOSE = hexOf({ __peerData: { type: 'close' } });
/** {t: 'ping'} as chunk 0 of 1 of message 1, with its id, total and index in wider forms than an encoder picks. */
const FLOAT_FIELDS = frame(1, 0, slice(PING, 0), 1)
  .replace('5f5f706565724461746101', '5f5f7065657244617461cb3ff0000000000000')
  .replace('b16e00', 'b16ed30000000000000000')
  .replace('b5746f74616c01', 'b5746f74616ccd0001');
const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** The two chunk frames of the captured `app` frame, rebuilt and checked against the pins. */
function capturedAppChunks(): string[] {
  const bytes = encode(capturedValue('app'));
  if (!bytes.ok) throw new Error('the captured app frame does not encode');
  const frames = chunkMessage(bytes.value, 1);
  if (!frames.ok) throw new Error('the captured app frame does not chunk');
  const pins = frames.value.map((f) => ({ length: f.length, sha256: createHash('sha256').update(f).digest('hex') }));
  if (JSON.stringify(pins) !== JSON.stringify(CAPTURED_APP_CHUNKS)) {
    throw new Error(`the rebuilt app chunks ${JSON.stringify(pins)} differ from the captured ${JSON.stringify(CAPTURED_APP_CHUNKS)}`);
  }
  return frames.value.map(toHex);
}

const sendGroup: Case[] = [
  chunk('whole-1', 'A one-byte message is sent whole', 1, 1, ['WIRE-37', 'WIRE-52']),
  chunk('whole-16299', '16299 bytes: sent whole', 16299, 1, ['WIRE-37', 'WIRE-52'], ['threshold']),
  chunk('whole-16300', '16300 bytes, the threshold itself: sent whole', 16300, 1, ['WIRE-37', 'WIRE-52'], ['threshold']),
  chunk('split-16301', '16301 bytes: two chunks, of 16300 and 1 bytes', 16301, 1, ['WIRE-36', 'WIRE-52'], ['threshold']),
  chunk('split-32600', 'Exactly two full slices', 32600, 1, ['WIRE-36', 'WIRE-52'], ['threshold']),
  chunk('split-32601', 'Two full slices and one byte: three chunks', 32601, 1, ['WIRE-36', 'WIRE-52'], ['threshold']),
  chunk('split-id-300', 'The chunk id is the connection counter, here 300 (a uint16)', 16301, 300, ['WIRE-36', 'WIRE-52'], ['chunk-id']),
];

const [APP0, APP1] = capturedAppChunks();
const receiveGroup: Case[] = [
  reassemble('whole', 'A whole message is delivered', [PING], ['WIRE-33', 'WIRE-53']),
  reassemble('in-order', 'Three chunks in order are one message', ping3(1), ['WIRE-38', 'WIRE-53']),
  reassemble('out-of-order', 'Chunks are joined by index, not by arrival', [ping3(1)[2]!, ping3(1)[0]!, ping3(1)[1]!], ['WIRE-38'], ['reorder']),
  reassemble('interleaved', 'Chunks of two messages interleave; each completes on its own', [ping3(1)[0]!, cap2(2)[0]!, ping3(1)[1]!, cap2(2)[1]!, ping3(1)[2]!], ['WIRE-38'], ['interleave']),
  reassemble('between-whole', 'A whole message between chunks is delivered at once', [ping3(1)[0]!, CAP, ping3(1)[1]!, ping3(1)[2]!], ['WIRE-38', 'WIRE-33'], ['interleave']),
  reassemble('lost-chunk', 'A lost chunk leaves the message incomplete', [ping3(1)[0]!, ping3(1)[2]!, PING], ['WIRE-38'], ['lost-chunk']),
  reassemble('id-reused', 'After completing, an id may start a new message', [...cap2(1), ...ping3(1)], ['WIRE-38']),
  reassemble('single-chunk', 'A chunked message of one chunk is delivered', [frame(4, 0, slice(PING, 0), 1)], ['WIRE-38']),
  reassemble('empty-slice', 'A slice may be empty', [frame(1, 0, slice(PING, 0, 8), 2), frame(1, 1, new Uint8Array(0), 2)], ['WIRE-38']),
  reassemble('captured-app', 'The two chunk frames PeerJS sent for a 20,024-byte app frame', [APP0!, APP1!], ['WIRE-38', 'WIRE-36'], ['captured']),
  reassemble('capacity-512', 'A first chunk of a 512-chunk message is held', [frame(1, 0, slice(PING, 0, 1), 512)], ['WIRE-41'], ['limits']),
  // Control frames and truthiness [WIRE-33]
  reassemble('falsy-id-zero', '__peerData 0 is falsy: an application message', [frame(0, 0, slice(PING, 0, 2), 1)], ['WIRE-33'], ['truthiness']),
  reassemble('falsy-id-empty', '__peerData "" is falsy: an application message', [frame('', 0, slice(PING, 0, 2), 1)], ['WIRE-33'], ['truthiness']),
  reassemble('falsy-id-false', '__peerData false: an application message', [hexOf({ __peerData: false, t: 'x' })], ['WIRE-33'], ['truthiness']),
  reassemble('falsy-id-nil', '__peerData null: an application message', [hexOf({ __peerData: null, t: 'x' })], ['WIRE-33'], ['truthiness']),
  reassemble('nested-peer-data', 'A __peerData member below the top level is application data', [hexOf({ t: 'x', inner: { __peerData: 1 } })], ['WIRE-33'], ['truthiness']),
  reassemble('nil-message', 'A nil message is delivered (upstream throws on it)', ['c0'], ['WIRE-33'], ['upstream-crash']),
  reassemble('array-message', 'A non-map message is delivered', [hexOf([1, 2])], ['WIRE-33']),
  reassemble('close', 'A close frame closes; nothing after it is processed', [PING, CLOSE, CAP], ['WIRE-35'], ['close']),
  reassemble('close-extra-members', 'A close frame with more members still closes', [hexOf({ __peerData: { type: 'close', reason: 'bye' } }), PING], ['WIRE-35'], ['close']),
  reassemble('close-discards-partial', 'Closing discards incomplete messages', [ping3(1)[0]!, CLOSE], ['WIRE-35', 'WIRE-38'], ['close']),
  // Malformed chunks [WIRE-39], [WIRE-40], [WIRE-42], [WIRE-43], [WIRE-44]
  reassemble('bad-id-string', 'A truthy string id is not a chunk id', [frame('abc', 0, slice(PING, 0), 1), PING], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-id-fraction', 'A fractional id', [frame(1.5, 0, slice(PING, 0), 1)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-id-negative', 'A negative id (truthy)', [frame(-1, 0, slice(PING, 0), 1)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-id-map', 'A map id that is not a close frame', [hexOf({ __peerData: { type: 'Close' } })], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-total-zero', 'total 0', [frame(1, 0, slice(PING, 0), 0)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-total-missing', 'No total', [hexOf({ __peerData: 1, n: 0, data: slice(PING, 0) })], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-n-too-large', 'n equal to total', [frame(1, 3, slice(PING, 0, 3), 3), ...ping3(1)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-n-negative', 'n below 0', [frame(1, -1, slice(PING, 0, 3), 3)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-n-fraction', 'A fractional n', [frame(1, 0.5, slice(PING, 0, 3), 3)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-data-string', 'data that is a string, not bytes', [frame(1, 0, 'abc', 1)], ['WIRE-39'], ['bad-chunk']),
  reassemble('bad-data-too-long', 'A slice of 16301 bytes', [frame(1, 0, slice(bytesOfLength(16301), 0), 2)], ['WIRE-39'], ['bad-chunk', 'threshold']),
  reassemble('duplicate-chunk', 'A repeated index is dropped; the message still completes', [ping3(1)[0]!, ping3(1)[0]!, ping3(1)[1]!, ping3(1)[2]!], ['WIRE-40'], ['conflict']),
  reassemble('total-mismatch', 'A later chunk with another total is dropped', [ping3(1)[0]!, frame(1, 1, slice(PING, 3, 6), 2), ping3(1)[1]!, ping3(1)[2]!], ['WIRE-40'], ['conflict']),
  reassemble('too-many-chunks', 'total 513 is over the limit', [frame(1, 0, slice(PING, 0, 1), 513)], ['WIRE-42'], ['limits']),
  reassemble(
    'too-many-pending-single-chunk',
    'While four messages are incomplete, a chunk of a new id is refused even when its total is 1',
    [...[1, 2, 3, 4].map((id) => ping3(id)[0]!), frame(5, 0, slice(PING, 0), 1), ...[1, 2, 3, 4].flatMap((id) => ping3(id).slice(1))],
    ['WIRE-43'],
    ['limits'],
  ),
  reassemble('integral-float-fields', 'Chunk fields are integers by value: an id of float64 1.0, a total of uint16 1 and an index of int64 0 name chunk 0 of message 1', [FLOAT_FIELDS], ['WIRE-39'], ['chunk-id']),
  reassemble(
    'too-many-pending',
    'A fifth incomplete message is refused; the first four complete',
    [...[1, 2, 3, 4].map((id) => ping3(id)[0]!), ping3(5)[0]!, ...[1, 2, 3, 4].flatMap((id) => ping3(id).slice(1))],
    ['WIRE-43'],
    ['limits'],
  ),
  reassemble('reassembled-chunk', 'A reassembled message that is itself a chunk is dropped', [frame(1, 0, slice(ping3(9)[0]!, 0, 10), 2), frame(1, 1, slice(ping3(9)[0]!, 10), 2)], ['WIRE-44'], ['nested-chunk']),
  reassemble('reassembled-close', 'A reassembled close frame does not close', [frame(1, 0, slice(CLOSE, 0, 5), 2), frame(1, 1, slice(CLOSE, 5), 2), PING], ['WIRE-44'], ['nested-chunk']),
  // Messages that do not decode [WIRE-07], [WIRE-25], [WIRE-28], [WIRE-31]
  reassemble('text-message', 'A text message on a binary connection', [{ text: 'hello' }, PING], ['WIRE-07'], ['text-message']),
  reassemble('truncated-message', 'A message cut short is dropped; the next is delivered', ['81b174', PING], ['WIRE-25']),
  reassemble('unknown-tag-message', 'A message with an unassigned tag', ['c4', PING], ['WIRE-28']),
  reassemble('reassembled-truncated', 'Chunks that join to a cut-short message', [frame(1, 0, slice(PING, 0, 3), 2), frame(1, 1, slice(PING, 3, 5), 2)], ['WIRE-25', 'WIRE-38']),
  reassemble('repeated-key', 'A message with a repeated key', [hexOf(new WireMap([['t', 'ping'], ['t', 'kick']])), PING], ['WIRE-31'], ['bad-key']),
  reassemble('integer-key', 'A message with an integer key', [hexOf(new WireMap([[1, 'x']]))], ['WIRE-31'], ['bad-key']),
  reassemble('proto-key', 'A __proto__ key is an own member of the delivered message', [hexOf(JSON.parse('{"__proto__":{"t":"kick"},"t":"ping"}'))], ['WIRE-33', 'WIRE-32'], ['proto'], undefined, {
    '0': { value: { t: 'ping', '(prototype)': { t: 'kick' } } },
  }),
  // The JSON serialization [WIRE-46]
  reassemble('json-messages', 'JSON messages', [utf8Hex('{"t":"ping"}'), utf8Hex('[1,2.5,null]')], ['WIRE-46'], ['json'], 'json'),
  reassemble('json-invalid', 'Text that is not JSON is dropped', [utf8Hex('{"t":'), utf8Hex('{"t":"ping"}')], ['WIRE-46'], ['json'], 'json'),
  reassemble('json-bad-utf8', 'Invalid UTF-8 becomes U+FFFD before parsing', ['7b2261223a22ff227d'], ['WIRE-46'], ['json'], 'json'),
  reassemble('json-close', 'The close frame closes a JSON connection', [utf8Hex('{"__peerData":{"type":"close"}}'), utf8Hex('1')], ['WIRE-46'], ['json', 'close'], 'json'),
  reassemble('json-peer-data', 'Any other __peerData is delivered on a JSON connection', [utf8Hex('{"__peerData":1,"n":0}')], ['WIRE-46'], ['json'], 'json'),
  reassemble('json-text-message', 'A text message on a JSON connection', [{ text: '{"t":"ping"}' }], ['WIRE-07'], ['json', 'text-message'], 'json'),
  reassemble('json-bom', 'A leading byte-order mark is removed before parsing, as the WHATWG decoder does', ['efbbbf' + utf8Hex('{"t":"ping"}')], ['WIRE-46'], ['json'], 'json'),
  reassemble('json-numbers', 'Every number a JSON message holds is a float: -0, a large integer, and one beyond binary64', [utf8Hex('[-0,12345678901234567890,1e400]')], ['WIRE-32', 'WIRE-46'], ['json'], 'json'),
  reassemble('json-deep', 'A JSON message nested 100 levels deep is delivered: the depth bound is BinaryPack\'s', [utf8Hex('['.repeat(100) + ']'.repeat(100))], ['WIRE-46'], ['json'], 'json'),
];

const groups: Group[] = [
  { name: 'send', description: 'wire.chunk: whole below and at 16300 bytes, chunk frames above [WIRE-36], [WIRE-37]', cases: sendGroup },
  { name: 'receive', description: 'wire.reassemble: control frames, reassembly and its bounds, the JSON serialization [WIRE-33] to [WIRE-46]', cases: receiveGroup },
];

export const wireChunkingVectors: FileSpec = crossChecked({
  file: 'wirechunking',
  title: 'PeerJS chunking and the receive path of a data connection',
  profile: 'wire',
  chapters: ['spec/11-data-connections.md'],
  notes: {
    threshold: { bugType: 'BOUNDARY', description: 'At and around the 16300-byte chunk threshold (a sender that chunks at >= or at 16384 fails).' },
    'chunk-id': { bugType: 'BASIC', description: 'The chunk id is the per-connection counter, written as any integer.' },
    reorder: { bugType: 'EDGE_CASE', description: 'Chunks joined by index, whatever the arrival order.' },
    interleave: { bugType: 'EDGE_CASE', description: 'Chunks of several messages, or whole messages, in between.' },
    'lost-chunk': { bugType: 'EDGE_CASE', description: 'A chunk never arrives: the message stays incomplete.' },
    limits: { bugType: 'BOUNDARY', description: 'The hardening bounds: 512 chunks a message, 4 incomplete messages a connection.' },
    truthiness: { bugType: 'EDGE_CASE', description: 'Only a truthy __peerData at the top level makes a control frame.' },
    'upstream-crash': { bugType: 'INTEROP', description: 'PeerJS 1.5.5 throws on this message; a receiver must not.' },
    close: { bugType: 'BASIC', description: 'The PeerJS close frame.' },
    'bad-chunk': { bugType: 'MISSING_STEP', description: 'A chunk with a malformed id, total, index or slice, which upstream files anyway.' },
    conflict: { bugType: 'MISSING_STEP', description: 'A repeated index or a changed total, which upstream counts as new.' },
    'nested-chunk': { bugType: 'MISSING_STEP', description: 'A reassembled message that is itself a control frame, which upstream processes again.' },
    'text-message': { bugType: 'ENCODING', description: 'A string data-channel message where bytes are expected.' },
    'bad-key': { bugType: 'ENCODING', description: 'A map whose keys are not distinct strings.' },
    proto: { bugType: 'AUTH_BYPASS', description: 'A key __proto__ must stay data (upstream turns it into the prototype).' },
    json: { bugType: 'BASIC', description: 'The json serialization: UTF-8 JSON text, no chunking.' },
    captured: { bugType: 'UPSTREAM_GOLDEN', description: 'Chunk frames recorded from live peerjs 1.5.5 peers (pinned by SHA-256 in vectors/gen/wire-captured.ts).' },
  },
  groups,
});
