// Data plane edges the mutation run of kibitz-py (npm run mutants:py) found unguarded: each case
// fails one single-edit mutant that every other vector and check of the profile lets pass
// (implementations/python/MUTATION.md names them). Receive and recipient cases of 14.6/14.7 and
// mesh pair scenarios of 14.2 to 14.5, in the shapes of dataplanecontent and dataplanemesh.
import { sha256 } from '@noble/hashes/sha2.js';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case, FileSpec } from './lib.ts';
import { ADA, BOB, CAT, NOTES, recv, repeat, ROSTER, type Flag } from './dataplane-lib.ts';

const E = (code: string) => ({ error: code });
const EXPIRE = 1767229200000;
const owned = (value: JsonValue, author: string, seq: number): JsonObject => ({ kind: 'owned', value, author, seq, expireAt: EXPIRE });
const update = (state: JsonObject): JsonObject => ({ k: 'ledger', m: { v: 1, op: 'update', state } });
const recipients = (name: string, description: string, covers: string[], input: JsonObject, flags: Flag[] = []): Case => ({
  name, description, covers, op: 'content.recipients', input: { self: BOB, roster: [ADA, BOB, CAT], ...input }, flags,
});

// ---- mesh pair scenarios (the event shapes of dataplanemesh) ------------------------------------
type Ev = JsonObject;
const T0 = 1767225600000;
const at = (ms: number, event: Ev) => ({ at: T0 + ms, event });
const present: Ev = { type: 'roster', present: true };
const absent: Ev = { type: 'roster', present: false };
const open = (channel: string): Ev => ({ type: 'open', channel });
const incoming = (label: string): Ev => ({ type: 'incoming', label });
const frame = (channel: string, msg: JsonValue): Ev => ({ type: 'frame', channel, msg });
const tick: Ev = { type: 'tick' };
const desc = (type: string): Ev => ({ type: 'description', d: { type, sdp: `v=0 ${type}` } });
const pcState = (state: string): Ev => ({ type: 'pc-state', state });
const stats = (v: number, a: number, ov: number, oa: number): Ev => ({ type: 'stats', v, a, ov, oa });
const CAP = { t: 'cap', bulk: 1 };
const mh = (v: number, a: number, ov: number, oa: number) => ({ t: 'mh', v, a, ov, oa });
const answer = { t: 'm-sdp', d: { type: 'answer', sdp: 'v=0 remote-answer' }, relay: false };
const linked = (): { at: number; event: Ev }[] => [at(1, present), at(100, open('sig')), at(110, frame('sig', CAP)), at(200, open('bulk'))];
const mediaUp = (): { at: number; event: Ev }[] => [at(1, present), at(100, open('sig')), at(105, desc('offer')), at(110, frame('sig', answer)), at(120, pcState('connected'))];
const answerer = { self: BOB, peer: ADA };

function pair(name: string, description: string, covers: string[], steps: { at: number; event: Ev }[], o: { self?: string; peer?: string; media?: boolean; flags?: Flag[] } = {}): Case {
  const config: JsonObject = { self: o.self ?? ADA, peer: o.peer ?? BOB };
  if (o.media !== undefined) config.media = o.media;
  return { name, description, covers, op: 'meshpair.scenario', input: { config, start: T0, steps: steps as unknown as JsonValue[] }, flags: o.flags ?? [] };
}

// ---- transfer receive scripts (the event shapes of dataplanexfer) ------------------------------
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fr = (msg: JsonObject): Ev => ({ type: 'frame', from: BOB, msg });
const bin = (h: string): Ev => ({ type: 'binary', from: BOB, hex: h });
const receive = (name: string, description: string, covers: string[], steps: { at: number; event: Ev }[], flags: Flag[] = []): Case => ({
  name, description, covers, op: 'xfer.receive', input: { config: { roster: ROSTER }, start: T0, steps: steps as unknown as JsonValue[] }, flags,
});
/** A byte-order mark, then 500 letters: the line is the 500 letters (the mark goes before the cut). */
const BOM_TEXT = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(repeat('a', 500))]);
const ID64 = repeat('i', 64);
const PAY = new Uint8Array([1, 2, 3]);
/** The binary chunk frame: idLen, the id's UTF-8, the index as u32 LE, the payload. */
const frame64 = hex(new Uint8Array([64, ...new TextEncoder().encode(ID64), 0, 0, 0, 0, ...PAY]));

export const dataplaneEdgeVectors: FileSpec = {
  file: 'dataplaneedges',
  title: 'Data plane: edges found by the mutation run of kibitz-py (content.receive, content.recipients, meshpair.scenario)',
  profile: 'dataplane',
  chapters: ['spec/14-data-plane.md', 'spec/07-messages.md'],
  notes: NOTES,
  groups: [
    {
      name: 'receive',
      description: 'Member types, JSON lengths at their bound, the ledger merge and its view [CONT-04], [CONT-17], [CONT-20], [CONT-26], [CONT-27]',
      cases: [
        recv('xbegin-ts-string', 'A string ts drops the xbegin (ts is a number in every kind that has it)', ['CONT-04'], { k: 'xbegin', id: 'x1', kind: 'file', size: 3, n: 1, ts: 'now' }, { ...E('cont.bad-field'), flags: ['type-confusion'] }),
        // {"k":"clear","pad":""} is 22 characters of JSON: the pad makes e exactly 262144, then 262145.
        recv('ink-e-at-limit', 'An ink event of exactly 262144 characters of JSON is kept (its extra members dropped)', ['CONT-20'], { k: 'ink', e: { k: 'clear', pad: repeat('x', 262144 - 22) } }, { flags: ['hardening', 'boundary', 'json-length'] }),
        recv('ink-e-over-limit', 'An ink event of 262145 characters of JSON is dropped', ['CONT-20'], { k: 'ink', e: { k: 'clear', pad: repeat('x', 262145 - 22) } }, { ...E('cont.too-large'), flags: ['hardening', 'boundary', 'json-length'] }),
        // "\r" is written \r: two characters of JSON each, so 131071 of them and the quotes are 262144.
        recv('app-cr-escapes-at-limit', 'A carriage return is two characters of JSON (\\r), not six', ['CONT-17'], { k: 'app', data: repeat('\r', 131071) }, { flags: ['boundary', 'json-length'] }),
        // [1e-7,"…"]: ECMAScript writes 1e-7 (4 characters), not 0.0000001; 9 + 262135 = 262144.
        recv('app-small-number-at-limit', 'A number is measured as ECMAScript writes it (1e-7 is four characters)', ['CONT-17'], { k: 'app', data: [1e-7, repeat('x', 262135)] }, { flags: ['boundary', 'json-length'] }),
        recv('ledger-bad-op-with-state', 'An unknown op is dropped even with a well-formed state', ['CONT-26'], { k: 'ledger', m: { v: 1, op: 'merge', state: { hint: owned('x', BOB, 1) } } }, E('cont.bad-field')),
        recv('ledger-higher-seq-same-value', 'An entry whose seq alone rises has changed', ['CONT-27'], update({ hint: owned('same', ADA, 3) }), { state: { ledger: { hint: owned('same', ADA, 2) } }, flags: ['merge'] }),
        recv('ledger-null-value-unchanged', 'A held entry with a null value that wins is unchanged', ['CONT-27'], update({ hint: owned(null, ADA, 1) }), { state: { ledger: { hint: owned(null, ADA, 2) } }, flags: ['merge'] }),
        recv('ledger-held-no-seq-replaced', 'A held owned entry without a numeric seq is replaced by the incoming one', ['CONT-27', 'CONT-28'], update({ hint: owned('new', BOB, 1) }), { state: { ledger: { hint: { kind: 'owned', value: 'old', author: ADA, expireAt: EXPIRE } } }, flags: ['merge'] }),
        // U+FF5A sorts before U+1F600 by code point, after it by UTF-16 code units (0xFF5A > 0xD83D).
        recv('ledger-changed-utf16-order', 'changed is in ascending UTF-16 order, not code point order', ['CONT-27'], update({ '\uff5a': owned('z', ADA, 1), '\u{1f600}': owned('smile', ADA, 1) }), { flags: ['merge'] }),
        { name: 'state-schema-not-object', description: 'A held schema that is not an object is input.invalid (the contract types each item)', covers: ['ADP-08', 'CONT-21'], op: 'content.receive', input: { from: BOB, frame: { k: 'chat', text: 'hi' }, state: { roster: [], schemas: [5] } }, flags: ['type-confusion'], error: 'input.invalid' },
        { name: 'chat-now-absent', description: 'A public line without ts takes the receive time; a state without now receives at its default, 0', covers: ['CONT-11', 'ADP-08'], op: 'content.receive', input: { from: BOB, frame: { k: 'chat', text: 'hi' }, state: { roster: ROSTER } }, flags: ['boundary'] },
        { name: 'send-from-zero', description: 'A leg from chunk 0 is the whole transfer (from is at least 0)', covers: ['XFER-19', 'XFER-22'], op: 'xfer.send', input: { id: 'x3', kind: 'file', payload: '000102', framing: 'binary', from: 0 }, flags: ['resume'] },
      ],
    },
    {
      name: 'xfer',
      description: 'Transfer receive scripts: the text line and binary frame ids [XFER-10], [XFER-11]',
      cases: [
        receive('text-bom-before-cut', 'A leading byte-order mark is removed before the 500 cut: 500 letters stay', ['XFER-11'], [
          at(10, fr({ k: 'xbegin', id: 't1', kind: 'text', size: BOM_TEXT.length, n: 1, dm: true })), at(11, fr({ k: 'xchunk', id: 't1', i: 0, data: Buffer.from(BOM_TEXT).toString('base64') })), at(12, fr({ k: 'xend', id: 't1', hash: hex(sha256(BOM_TEXT)) })),
        ], ['boundary']),
        receive('xack-without-id', 'An xack is a transfer frame: without an id the transfer receiver drops it', ['XFER-24', 'CONT-04'], [at(10, fr({ k: 'xack' })), at(11, fr({ k: 'xack', id: 5 }))], ['type-confusion']),
        receive('binary-id-64', 'A binary frame whose id is 64 characters feeds the transfer of that id', ['XFER-10', 'XFER-09'], [
          at(10, fr({ k: 'xbegin', id: ID64, kind: 'file', size: PAY.length, n: 1 })), at(11, bin(frame64)), at(12, fr({ k: 'xend', id: ID64, hash: hex(sha256(PAY)) })),
        ], ['framing', 'boundary']),
      ],
    },
    {
      name: 'recipients',
      description: 'Kinds never withheld, and a transfer\'s capability by its kind [CONT-07], [CAPS-09]',
      cases: [
        recipients('chatledger-never-withheld', 'chatledger traffic is never withheld', ['CONT-07', 'CAPS-09'], { k: 'chatledger', withhold: [{ peer: ADA, perceive: 'read-chat' }] }),
        recipients('blobdata-never-withheld', 'blobdata traffic is never withheld', ['CONT-07', 'CAPS-09'], { k: 'blobdata', withhold: [{ peer: ADA, perceive: 'read-media' }, { peer: CAT, perceive: 'read-files' }] }),
        recipients('text-transfer-needs-read-chat', 'A text transfer needs read-chat', ['CAPS-09', 'CONT-07'], { k: 'xbegin', kind: 'text', withhold: [{ peer: CAT, perceive: 'read-chat' }] }),
      ],
    },
    {
      name: 'mesh',
      description: 'Control frame values, the drop grace and the recovery clock [MESH-07], [MESH-23], [MESH-25]',
      cases: [
        pair('bad-control-values', 'Control frames with a value out of range or a candidate that is not a string are dropped with their decoder code', ['MESH-07', 'MSG-35'], [
          at(1, present), at(100, open('sig')), at(120, frame('sig', mh(-1, 0, 0, 0))),
          at(130, frame('sig', { t: 'm-ice', c: { sdpMid: '0', sdpMLineIndex: 0 } })), at(140, frame('sig', { t: 'm-ice', c: { candidate: 5, sdpMid: '0', sdpMLineIndex: 0 } })),
        ]),
        pair('absent-twice', 'A second roster absence does not restart the drop grace', ['MESH-25'], [...linked(), at(1000, absent), at(4000, absent), at(7999, tick), at(8000, tick)], { flags: ['timer'] }),
        pair('grace-dial-only', 'A dial not yet open is enough for the drop grace', ['MESH-25'], [at(1, present), at(50, absent), at(7049, tick), at(7050, tick)], { flags: ['timer'] }),
        pair('answerer-grace', 'The answerer with an open sig and no bulk keeps the drop grace', ['MESH-25'], [at(1, present), at(50, incoming('dc_1')), at(100, open('sig')), at(1000, absent), at(7999, tick), at(8000, tick)], { ...answerer, flags: ['timer'] }),
        pair('answerer-no-grace', 'With nothing of the pair, a roster absence admits no later connection', ['MESH-25', 'MESH-09'], [at(1, present), at(10, absent), at(200, incoming('dc_1'))], answerer),
        pair('audio-only-flows', 'Audio alone is flow: the recovery clock restarts', ['MESH-23'], [...mediaUp(), at(2000, tick), at(2001, stats(0, 30, 200, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))), at(10500, stats(0, 0, 200, 30))], { media: true, flags: ['media'] }),
        pair('recover-at-9000', 'Recovery starts only past 9000 ms without flow', ['MESH-23'], [...mediaUp(), at(2000, tick), at(2001, stats(300, 30, 200, 30)), at(2002, frame('sig', mh(300, 30, 300, 30))), at(11001, stats(0, 0, 200, 30)), at(11002, stats(0, 0, 200, 30))], { media: true, flags: ['media', 'timer', 'boundary'] }),
      ],
    },
  ],
};
