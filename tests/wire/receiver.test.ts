// The sending and receiving ends of a data connection in reference/wire/: the chunk counter, the
// limits a sender keeps, the receiver's state across messages, the JSON serialization, the transfer
// chunk header and the connection rules. The per-message receive rules are in the vectors
// (vectors/wirechunking.json); these tests cover what a vector cannot say.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BinarySender, chunkMessage } from '../../reference/wire/chunking.ts';
import { BULK_CONNECT_OPTIONS, CAP_FRAME, connectionRole, dataOfferProblems, dialsBulk, dialsSig, SIG_CONNECT_OPTIONS } from '../../reference/wire/connections.ts';
import { CHUNK_MTU, MAX_CHUNKS, MAX_MESSAGE_BYTES, MAX_PENDING } from '../../reference/wire/constants.ts';
import { encode } from '../../reference/wire/encode.ts';
import { decodeJsonMessage, encodeJsonMessage } from '../../reference/wire/json-serialization.ts';
import { WireReceiver } from '../../reference/wire/receiver.ts';
import { toHex } from '../../reference/wire/tagged-json.ts';
import { encodeTransferChunk, parseTransferChunk } from '../../reference/wire/transfer-chunk.ts';

const big = (n: number) => ({ k: 'app', data: 'y'.repeat(n) });
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
  return r.value;
};

test('[WIRE-36] the chunk counter starts at 1 and moves only for chunked messages', () => {
  const s = new BinarySender();
  const ids = (frames: Uint8Array[]) => frames.map((f) => f[12]); // the fixint after "__peerData"
  assert.is(must(s.send({ t: 'ping' })).length, 1);
  assert.equal(ids(must(s.send(big(20_000)))), [1, 1]);
  assert.is(must(s.send({ t: 'ping' })).length, 1);
  assert.equal(ids(must(s.send(big(40_000)))), [2, 2, 2]);
});

test('[WIRE-06] [WIRE-37] a sender hands the data channel bytes only, and a message of 16300 bytes whole', () => {
  const s = new BinarySender();
  for (const v of [{ t: 'ping' }, big(16_290), big(30_000), new Uint8Array(5)]) for (const f of must(s.send(v))) assert.instance(f, Uint8Array);
  const exact = must(encode({ k: 'app', data: 'x'.repeat(CHUNK_MTU - 15) }));
  assert.is(exact.length, CHUNK_MTU);
  assert.is(must(chunkMessage(exact, 1)).length, 1);
});

test('[WIRE-34] a sender refuses an application message with a __peerData member', () => {
  const r = new BinarySender().send({ __peerData: 1, t: 'x' });
  assert.ok(!r.ok && r.error.code === 'wire.reserved-member');
});

test('[WIRE-42] a sender refuses a message of more than 512 chunks; 512 chunks is the most it sends', () => {
  assert.is(MAX_MESSAGE_BYTES, 512 * 16300);
  const most = must(chunkMessage(new Uint8Array(MAX_MESSAGE_BYTES), 1));
  assert.is(most.length, MAX_CHUNKS);
  const r = chunkMessage(new Uint8Array(MAX_MESSAGE_BYTES + 1), 1);
  assert.ok(!r.ok && r.error.code === 'wire.message-too-large');
});

test('[WIRE-38] [WIRE-41] a receiver reassembles a 512-chunk message of 8,345,600 bytes', () => {
  const message = must(encode(new Uint8Array(MAX_MESSAGE_BYTES - 5)));
  const frames = must(chunkMessage(message, 9));
  assert.is(frames.length, 512);
  const r = new WireReceiver();
  for (const f of frames.slice(0, -1)) assert.is(r.receive(f).kind, 'stored');
  const last = r.receive(frames.at(-1)!);
  assert.ok(last.kind === 'message' && last.value instanceof Uint8Array && last.value.length === MAX_MESSAGE_BYTES - 5);
  assert.is(r.pendingCount, 0);
});

test('[WIRE-38] [WIRE-43] closing the connection discards incomplete messages; nothing is processed after', () => {
  const s = new BinarySender();
  const r = new WireReceiver();
  for (let i = 0; i < MAX_PENDING; i++) r.receive(must(s.send(big(20_000)))[0]!);
  assert.is(r.pendingCount, MAX_PENDING);
  r.close();
  assert.is(r.pendingCount, 0);
  assert.is(r.receive(must(s.send({ t: 'ping' }))[0]!).kind, 'ignored');
});

test('[WIRE-45] on a json connection a message is UTF-8 JSON text, refused at 16300 bytes', () => {
  assert.is(Buffer.from(must(encodeJsonMessage({ t: 'ping', x: undefined, n: NaN }))).toString(), '{"t":"ping","n":null}');
  const fits = must(encodeJsonMessage('x'.repeat(CHUNK_MTU - 3))); // two quotes: 16299 bytes
  assert.is(fits.length, CHUNK_MTU - 1);
  const r = encodeJsonMessage('x'.repeat(CHUNK_MTU - 2));
  assert.ok(!r.ok && r.error.code === 'wire.json-too-large');
  assert.ok(!encodeJsonMessage(undefined).ok && !encodeJsonMessage(10n).ok);
});

test('[WIRE-46] on a json connection a receiver replaces invalid UTF-8, and drops what does not parse', () => {
  assert.equal(must(decodeJsonMessage(Uint8Array.from([0x22, 0xff, 0x22]))), '\ufffd');
  const r = decodeJsonMessage(Buffer.from('{"a":'));
  assert.ok(!r.ok && r.error.code === 'wire.bad-json');
});

test('[WIRE-47] [WIRE-15] a binary frame is sent as BinaryPack bytes and arrives as bytes', () => {
  const frame = must(encodeTransferChunk('f1', 3, new Uint8Array(20_000).fill(7)));
  const s = new BinarySender();
  const r = new WireReceiver();
  const frames = must(s.send(frame));
  assert.is(frames.length, 2); // 20,011 bytes of frame: chunked like any message
  r.receive(frames[0]!);
  const e = r.receive(frames[1]!);
  assert.ok(e.kind === 'message' && e.value instanceof Uint8Array);
  assert.is(toHex((e as { value: Uint8Array }).value), toHex(frame));
});

test('[WIRE-48] the transfer chunk header: idLen, the id in UTF-8, the index little-endian, the payload', () => {
  assert.is(toHex(must(encodeTransferChunk('ab', 0x01020304, Uint8Array.from([9])))), '02616204030201' + '09');
  assert.is(must(encodeTransferChunk('x'.repeat(64), 0xffffffff, new Uint8Array(0))).length, 69);
  const refuse = (id: string, i: number) => {
    const r = encodeTransferChunk(id, i, new Uint8Array(0));
    return r.ok ? 'ok' : r.error.code;
  };
  assert.is(refuse('', 0), 'wire.header-id-length');
  assert.is(refuse('x'.repeat(65), 0), 'wire.header-id-length');
  assert.is(refuse('\u00e9'.repeat(33), 0), 'wire.header-id-length'); // 66 UTF-8 bytes
  assert.is(refuse('a', -1), 'wire.header-index');
  assert.is(refuse('a', 2 ** 32), 'wire.header-index');
  assert.is(refuse('a', 1.5), 'wire.header-index');
});

test('[WIRE-49] [WIRE-50] the transfer chunk header is parsed in order: short, idLen, short again, then UTF-8', () => {
  const parse = (hex: string) => {
    const r = parseTransferChunk(Uint8Array.from(Buffer.from(hex, 'hex')));
    return r.ok ? { id: r.value.id, index: r.value.index, payload: toHex(r.value.payload) } : r.error.code;
  };
  assert.equal(parse('02616204030201'), { id: 'ab', index: 0x01020304, payload: '' });
  assert.equal(parse('0161000000000aff'), { id: 'a', index: 0, payload: 'aff'.padStart(4, '0') });
  assert.is(parse('00000000'), 'wire.header-truncated');
  assert.is(parse('0000000000'), 'wire.header-id-length');
  assert.is(parse('41' + '00'.repeat(70)), 'wire.header-id-length');
  assert.is(parse('0361620000'), 'wire.header-truncated');
  assert.is(parse('01ff00000000'), 'wire.header-id-utf8');
});

test('[WIRE-01] [WIRE-04] [WIRE-05] Kibitz connects reliably with the default serialization; the smaller media id dials sig, and bulk only after cap', () => {
  assert.equal(SIG_CONNECT_OPTIONS, { reliable: true });
  assert.equal(BULK_CONNECT_OPTIONS, { reliable: true, label: 'bulk' });
  assert.ok(dialsSig('A1', 'a0') && !dialsSig('a0', 'A1')); // UTF-16 code units: 'A' < 'a'
  assert.ok(dialsSig('3f2c', '9b1d') && !dialsSig('9b1d', '3f2c'));
  assert.is(connectionRole('bulk'), 'bulk');
  assert.is(connectionRole('dc_abc'), 'sig');
  assert.is(connectionRole('Bulk'), 'sig');
  assert.ok(dialsBulk({ dialledSig: true, capReceived: true, bulkOpenOrDialling: false }));
  assert.not.ok(dialsBulk({ dialledSig: true, capReceived: false, bulkOpenOrDialling: false }));
  assert.not.ok(dialsBulk({ dialledSig: false, capReceived: true, bulkOpenOrDialling: false }));
  assert.not.ok(dialsBulk({ dialledSig: true, capReceived: true, bulkOpenOrDialling: true }));
  assert.equal(CAP_FRAME, { t: 'cap', bulk: 1 });
  assert.equal(dataOfferProblems({ type: 'data', connectionId: 'dc_1', label: 'dc_1', reliable: true, serialization: 'binary', sdp: {} }), []);
  assert.is(dataOfferProblems({ type: 'data', connectionId: 'dc_1', label: 'dc_1', reliable: true, serialization: 'json' }).length, 1);
});

test.run();
