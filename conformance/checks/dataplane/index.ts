// Every check of the `dataplane` profile that is not a vector (properties). Vector checks come
// from vectors/dataplane*.json. Oracles are the harness's own models (./model.ts), JSON.stringify
// and @noble/hashes: nothing under reference/ is imported (the judge never imports the defendant).
import fc from 'fast-check';
import { jsonEqual } from '../../compare.ts';
import type { JsonObject, JsonValue } from '../../lib/json.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from '../property.ts';
import type { Check } from '../types.ts';
import { cut, CHUNK, frameFault, frameHex, MIB, planModel, recipientsModel, transferModel, trim, type Act } from './model.ts';

const P = 'dataplane';
const BOB = '7c2e9b41-6d0a-4f35-b8e2-1a94c3d5e607';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const CONTENT_CODE = /^(cont|xfer)\.[a-z0-9-]+$/;

/** Text around the chat bound, with trimmable and non-trimmable spaces and astral characters. */
function chatText(): fc.Arbitrary<string> {
  const unit = fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\u3000', '\ufeff', '\u0085', '\u00a0', '\u{1F600}', 'é', '\u2028', '\u180e');
  return fc.oneof(
    fc.array(unit, { maxLength: 30 }).map((a) => a.join('')),
    fc.tuple(fc.integer({ min: 480, max: 520 }), fc.array(unit, { maxLength: 6 }), fc.array(unit, { maxLength: 6 })).map(([n, head, tail]) => head.join('') + 'x'.repeat(n) + tail.join('')),
  );
}

/** Any JSON value, and objects dressed as content frames. */
function anyFrame(): fc.Arbitrary<JsonValue> {
  const kinds = ['chat', 'img', 'xbegin', 'xchunk', 'xend', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack', 'app', 'pay', 'ink', 'idtoken', 'caps', 'schema', 'ledger', 'chatledger', 'ctl', 'blob', 'blobdata', 'widget', 'wevt', 'poll', 'Chat'];
  const member = fc.constantFrom('text', 'dm', 'mid', 'ts', 'from', 'name', 'mime', 'data', 'w', 'id', 'kind', 'size', 'n', 'i', 'hash', 'have', 'url', 'label', 'e', 'jwt', 'grants', 'schema', 'version', 'replay', 'removed', 'm', 'offer', 'author');
  const dressed = fc.tuple(fc.constantFrom(...kinds), fc.dictionary(member, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })).map(([k, rest]) => ({ ...(rest as JsonObject), k }) as JsonValue);
  return fc.oneof(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>, dressed, dressed);
}

/** A transfer script: chunk actions (some duplicated, out of range, oversized) and an end. */
function transferScript(): fc.Arbitrary<{ size: number; acts: Act[] }> {
  return fc.integer({ min: 0, max: 2 }).chain((n) => {
    const size = n === 0 ? 0 : n === 1 ? 38 : CHUNK + 9;
    const chunkLen = (i: number) => (i === 0 ? Math.min(size, CHUNK) : size - CHUNK);
    const chunk = fc.oneof(
      fc.integer({ min: 0, max: Math.max(0, n - 1) }).map((i): Act => ({ kind: 'chunk', i, len: chunkLen(i) })),
      fc.integer({ min: 0, max: 3 }).map((i): Act => ({ kind: 'chunk', i, len: 5 })), // wrong length or out of range
    );
    const end = fc.constantFrom<Act>({ kind: 'end', hash: 'right' }, { kind: 'end', hash: 'wrong' }, { kind: 'end', hash: 'none' });
    return fc.tuple(fc.array(chunk, { maxLength: 4 }), end).map(([chunks, e]) => ({ size, acts: [...chunks, e] }));
  });
}

/** Run one transfer script through xfer.receive and keep what the model predicts. */
async function runTransfer(impl: Parameters<Check['run']>[0], size: number, acts: Act[]): Promise<{ got: JsonObject[] } | Failure> {
  const fill = (i: number) => (i * 7 + 3) & 0xff;
  const chunkBytes = (i: number, len: number) => new Uint8Array(len).fill(fill(i));
  // The right hash is the model's, over the chunks the receiver will have taken by xend.
  const { digest } = transferModel(size, acts, fill);
  const steps: JsonObject[] = [{ at: 1, event: { type: 'frame', from: BOB, msg: { k: 'xbegin', id: 'p1', kind: 'file', size, n: size === 0 ? 0 : Math.ceil(size / CHUNK) } } }];
  let t = 2;
  for (const a of acts) {
    if (a.kind === 'chunk') steps.push({ at: t++, event: { type: 'frame', from: BOB, msg: { k: 'xchunk', id: 'p1', i: a.i, data: Buffer.from(chunkBytes(a.i, a.len)).toString('base64') } } });
    else {
      const hash = a.hash === 'none' ? undefined : a.hash === 'wrong' ? '0'.repeat(64) : digest;
      steps.push({ at: t++, event: { type: 'frame', from: BOB, msg: { k: 'xend', id: 'p1', ...(hash ? { hash } : {}) } } });
    }
  }
  const out = outputOf(await call(impl, 'xfer.receive', { start: 0, steps }), 'XFER-24');
  if (isFailure(out)) return out;
  return { got: (out.outputs as JsonObject[]) ?? [] };
}

export const DATAPLANE_CHECKS: Check[] = [
  propertyCheck({
    id: 'prop.dataplane.chunk-frame.bytes',
    profile: P,
    covers: ['XFER-23', 'WIRE-48'],
    description: 'xfer.chunkFrame writes idLen, the UTF-8 id, the u32 little-endian index and the payload, for generated ids, indexes and payloads',
    probe: { op: 'xfer.chunkFrame', input: { id: 'a', i: 0, payload: '' } },
    arbitrary: () => fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter((s) => Buffer.byteLength(s) <= 64), fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 40 })),
    predicate: async (impl, [id, i, payload]) => {
      const out = outputOf(await call(impl, 'xfer.chunkFrame', { id, i, payload: hex(payload) }), 'WIRE-48');
      if (isFailure(out)) return out;
      const want = frameHex(id, i, payload);
      return out.hex === want ? null : { requirement: 'WIRE-48', message: 'the frame bytes differ from the header of WIRE-48', expected: want, actual: out.hex };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.chunk-frame.parse',
    profile: P,
    covers: ['XFER-23', 'XFER-10', 'WIRE-49', 'WIRE-50'],
    description: 'xfer.parseChunkFrame reads well-formed frames back and rejects short, over-long and non-UTF-8 headers with their codes',
    probe: { op: 'xfer.parseChunkFrame', input: { hex: '0161000000' } },
    arbitrary: () =>
      fc.oneof(
        fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => Buffer.byteLength(s) <= 64), fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 20 })).map(([id, i, p]) => Buffer.from(frameHex(id, i, p), 'hex')),
        fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
        fc.tuple(fc.integer({ min: 60, max: 255 }), fc.uint8Array({ maxLength: 80 })).map(([l, rest]) => Buffer.concat([Buffer.from([l]), Buffer.from(rest)])),
      ),
    predicate: async (impl, buf) => {
      const r = await call(impl, 'xfer.parseChunkFrame', { hex: buf.toString('hex') });
      const fault = frameFault(new Uint8Array(buf));
      if (fault) {
        if ('ok' in r && !r.ok && r.error.code === fault) return null;
        const requirement = fault === 'wire.header-id-utf8' ? 'WIRE-50' : 'WIRE-49';
        return { requirement, message: `expected ${fault}`, expected: { error: fault }, actual: r };
      }
      const out = outputOf(r, 'XFER-23');
      if (isFailure(out)) return out;
      const idLen = buf[0]!;
      const want = { id: buf.subarray(1, 1 + idLen).toString('utf8'), i: buf.readUInt32LE(1 + idLen), payload: buf.subarray(5 + idLen).toString('hex') };
      return jsonEqual(want, out) ? null : { requirement: 'XFER-23', message: 'parsed frame differs', expected: want, actual: out };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.chat.text-bound',
    profile: P,
    covers: ['CONT-10', 'CONT-08', 'CONT-09'],
    description: 'A chat line keeps its text cut to 500 code units, then trimmed; an empty result is dropped (generated text near the bound, with trimmable spaces and astral characters)',
    probe: { op: 'content.receive', input: { from: BOB, frame: { k: 'chat', text: 'x' } } },
    arbitrary: () => chatText(),
    predicate: async (impl, text) => {
      const r = await call(impl, 'content.receive', { from: BOB, frame: { k: 'chat', text, mid: `${BOB}#1`, ts: 1 } });
      const want = trim(cut(text, 500));
      const cutMatters = text.length > 500 && /[\ud800-\udbff]/.test(text.charAt(499));
      const requirement = cutMatters ? 'CONT-09' : 'CONT-10';
      if (want === '') return 'ok' in r && !r.ok && r.error.code === 'cont.empty' ? null : { requirement: 'CONT-10', message: 'an empty line must be dropped with cont.empty', actual: r };
      const out = outputOf(r, 'CONT-10');
      if (isFailure(out)) return out;
      const got = (out.content as JsonObject | undefined)?.text;
      return got === want ? null : { requirement, message: 'kept text differs from cut-then-trim', expected: want, actual: got };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.attribution',
    profile: P,
    covers: ['CONT-01', 'CONT-02', 'CONT-11'],
    description: 'Whatever a frame says about its author, the sender is the connection, and a live line\'s mid is scoped to the sender',
    probe: { op: 'content.receive', input: { from: BOB, frame: { k: 'chat', text: 'x' } } },
    arbitrary: () =>
      fc.record({
        sender: fc.constantFrom(BOB, 'a', 'zz-9', 'peer_with_underscores'),
        claim: fc.constantFrom('a', 'zz-9', BOB, 'mallory'),
        kind: fc.constantFrom('chat', 'img', 'pay', 'app', 'ink', 'widget', 'wevt'),
        mid: fc.nat({ max: 99 }),
        replay: fc.boolean(),
      }),
    predicate: async (impl, v) => {
      const bodies: Record<string, JsonObject> = {
        chat: { text: 'hi' }, img: { mime: 'image/png', data: 'AAAA', name2: 'X' }, pay: { url: 'https://p' }, app: { data: { from: v.claim } },
        ink: { e: { k: 'clear' }, n: v.claim }, widget: { id: 'w', kind: 'map', data: {} }, wevt: { id: 'w', e: { from: v.claim } },
      };
      const frame: JsonObject = { k: v.kind, ...bodies[v.kind]!, mid: `${v.claim}#${v.mid}`, ts: 1, ...(v.replay ? { from: v.claim, name: 'Claimed', author: v.claim } : {}) };
      const out = outputOf(await call(impl, 'content.receive', { from: v.sender, frame }), 'CONT-01');
      if (isFailure(out)) return out;
      const c = out.content as JsonObject;
      if (c.sender !== v.sender) return { requirement: 'CONT-01', message: 'content attributed to another id than its connection', expected: v.sender, actual: c.sender };
      if ((v.kind === 'chat' || v.kind === 'img') && !v.replay && v.claim !== v.sender && !String(c.mid).startsWith(`${v.sender}#`)) {
        return { requirement: 'CONT-11', message: 'a live line kept a mid of another peer', actual: c.mid };
      }
      if (!v.replay && 'author' in c && c.author !== v.sender) return { requirement: 'CONT-02', message: 'a live item names another author', actual: c.author };
      return null;
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.app.json-bound',
    profile: P,
    covers: ['CONT-17'],
    description: 'An app payload is kept exactly when its JSON text (UTF-16 code units, escapes included) is at most 262144',
    probe: { op: 'content.receive', input: { from: BOB, frame: { k: 'app', data: 1 } } },
    runsFactor: 0.2,
    arbitrary: () => fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', '\n', 'é', '\u{1F600}', '"')),
    predicate: async (impl, [value, delta, ch]) => {
      const base = JSON.stringify({ v: value, pad: '' }).length;
      const per = JSON.stringify(ch).length - 2;
      const k = Math.max(0, Math.floor((262144 - base) / per) + delta);
      const data = { v: value, pad: ch.repeat(k) } as JsonObject;
      const len = JSON.stringify(data).length;
      const r = await call(impl, 'content.receive', { from: BOB, frame: { k: 'app', data } });
      if (len > 262144) return 'ok' in r && !r.ok && r.error.code === 'cont.too-large' ? null : { requirement: 'CONT-17', message: `${len} characters of JSON must be dropped`, actual: 'ok' in r && r.ok ? 'kept' : r };
      return 'ok' in r && r.ok ? null : { requirement: 'CONT-17', message: `${len} characters of JSON must be kept`, actual: r };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.content.total',
    profile: P,
    covers: ['CONT-03', 'MSG-07', 'CONT-32'],
    description: 'content.receive answers every JSON value, and frames dressed as any kind, with a view or a cont./xfer. code: never a crash',
    probe: { op: 'content.receive', input: { from: BOB, frame: null } },
    arbitrary: () => anyFrame(),
    predicate: async (impl, frame) => {
      const r = await call(impl, 'content.receive', { from: BOB, frame });
      if ('ok' in r && r.ok) {
        const c = (r.output as JsonObject).content as JsonObject | undefined;
        return c && c.sender === BOB && typeof c.k === 'string' ? null : { requirement: 'CONT-32', message: 'a kept frame has no view with k and sender', actual: r.output };
      }
      if ('ok' in r && !r.ok && CONTENT_CODE.test(r.error.code)) return null;
      return { requirement: 'CONT-03', message: 'an answer that is neither a view nor a content code', actual: r };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.xfer.receive-model',
    profile: P,
    covers: ['XFER-09', 'XFER-11', 'XFER-24'],
    description: 'One transfer with chunks in any order, duplicated, out of range or oversized, then xend with the right, a wrong or no hash: the receiver drops, completes or fails exactly as the model does',
    probe: { op: 'xfer.receive', input: { start: 0, steps: [] } },
    runsFactor: 0.3,
    arbitrary: () => transferScript(),
    predicate: async (impl, { size, acts }) => {
      const fill = (i: number) => (i * 7 + 3) & 0xff;
      const want = transferModel(size, acts, fill).outputs;
      const run = await runTransfer(impl, size, acts);
      if (isFailure(run)) return run;
      const got = run.got.map((o) => ({ type: o.type, ...(o.code !== undefined ? { code: o.code } : {}), ...(o.sha256 !== undefined ? { sha256: o.sha256 } : {}) }));
      if (jsonEqual(want as unknown as JsonValue, got as unknown as JsonValue)) return null;
      const end = want[want.length - 1]!;
      const requirement = end.type === 'complete' || end.code === 'xfer.hash-mismatch' || end.code === 'xfer.incomplete' ? 'XFER-11' : 'XFER-09';
      return { requirement, message: 'the receiver\'s outputs differ from the model', expected: want, actual: got };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.xfer.plan',
    profile: P,
    covers: ['XFER-21', 'XFER-02', 'XFER-01'],
    description: 'xfer.plan gives n = ceil(size / 49152), the last chunk, the route by size and the framing and resume both sides advertise',
    probe: { op: 'xfer.plan', input: { size: 1, kind: 'file', features: [] } },
    arbitrary: () =>
      fc.record({
        size: fc.oneof(fc.nat({ max: 200000 }), fc.constantFrom(0, CHUNK, CHUNK + 1, 50 * MIB, 50 * MIB + 1, 1024 * MIB, 1024 * MIB + 1, 50 * 1024 * MIB), fc.integer({ min: 0, max: 50 * 1024 * MIB })),
        kind: fc.constantFrom('text', 'image', 'file'),
        peer: fc.subarray(['xfer.v1', 'xfer.v2', 'xfer.dl', 'xfer.resume', 'chat.v1']),
        self: fc.subarray(['xfer.v1', 'xfer.v2', 'xfer.dl', 'xfer.resume']),
      }),
    predicate: async (impl, v) => {
      const out = outputOf(await call(impl, 'xfer.plan', { size: v.size, kind: v.kind, features: v.peer, self: v.self }), 'XFER-21');
      if (isFailure(out)) return out;
      const want = planModel(v.size, v.kind, v.peer, v.self) as JsonObject;
      if (jsonEqual(want, out)) return null;
      const requirement = want.n !== out.n || want.lastChunkBytes !== out.lastChunkBytes ? 'XFER-21' : want.route !== out.route ? 'XFER-02' : 'XFER-01';
      return { requirement, message: 'plan differs from the model', expected: want, actual: out };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.meshpair.dialler',
    profile: P,
    covers: ['WIRE-04', 'MESH-01', 'MESH-03', 'WIRE-05', 'MESH-28'],
    description: 'For generated pairs of ids, only the one that sorts first by UTF-16 code units dials sig, and bulk after cap',
    probe: { op: 'meshpair.scenario', input: { config: { self: 'a', peer: 'b' }, start: 0, steps: [] } },
    arbitrary: () =>
      fc
        .tuple(fc.string({ unit: fc.constantFrom('a', 'B', '9', '-', '_', 'z', 'A', '0'), minLength: 1, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'B', '9', '-', '_', 'z', 'A', '0'), minLength: 1, maxLength: 8 }))
        .filter(([a, b]) => a !== b),
    predicate: async (impl, [self, peer]) => {
      const steps: JsonObject[] = [
        { at: 10, event: { type: 'roster', present: true } },
        ...(self < peer ? [] : [{ at: 20, event: { type: 'incoming', label: 'dc_1' } }]),
        { at: 30, event: { type: 'open', channel: 'sig' } },
        { at: 40, event: { type: 'frame', channel: 'sig', msg: { t: 'cap', bulk: 1 } } },
      ];
      const out = outputOf(await call(impl, 'meshpair.scenario', { config: { self, peer }, start: 0, steps }), 'MESH-28');
      if (isFailure(out)) return out;
      const dials = ((out.outputs as JsonObject[]) ?? []).filter((o) => o.type === 'dial').map((o) => o.channel);
      const want = self < peer ? ['sig', 'bulk'] : [];
      if (jsonEqual(want, dials)) return null;
      return { requirement: self < peer ? 'MESH-01' : 'WIRE-04', message: `${JSON.stringify(self)} vs ${JSON.stringify(peer)}: wrong dials`, expected: want, actual: dials };
    },
  }),
  propertyCheck({
    id: 'prop.dataplane.recipients',
    profile: P,
    covers: ['CONT-07', 'CONT-33', 'CAPS-19'],
    description: 'content.recipients follows chapter 13\'s rule: a broadcast reaches every other present peer that may perceive it; a directed send only its recipient, when present and entitled',
    probe: { op: 'content.recipients', input: { self: 'a', roster: ['a'], k: 'chat' } },
    arbitrary: () =>
      fc.record({
        roster: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }),
        self: fc.constantFrom('a', 'b', 'c'),
        k: fc.constantFrom('chat', 'img', 'app', 'ledger', 'ctl', 'widget', 'xbegin'),
        kind: fc.constantFrom('text', 'image', 'file'),
        to: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined }),
        withhold: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.constantFrom('read-chat', 'read-media', 'read-files', 'receive-directed')), { maxLength: 4 }),
      }),
    // A directed chat to a peer without read-chat (sent: CAPS-11), and a directed ctl to a peer without receive-directed (sent unchecked).
    examples: [
      { roster: ['a', 'b', 'c'], self: 'a', k: 'chat', kind: 'text', to: 'b', withhold: [['b', 'read-chat']] },
      { roster: ['a', 'b', 'c'], self: 'a', k: 'ctl', kind: 'text', to: 'c', withhold: [['c', 'receive-directed']] },
    ],
    predicate: async (impl, v) => {
      const input: JsonObject = { self: v.self, roster: v.roster, k: v.k, ...(v.k === 'xbegin' ? { kind: v.kind } : {}), withhold: v.withhold.map(([peer, perceive]) => ({ peer, perceive })), ...(v.to !== undefined ? { to: v.to } : {}) };
      const out = outputOf(await call(impl, 'content.recipients', input), 'CONT-33');
      if (isFailure(out)) return out;
      const want = recipientsModel(v.self, v.roster, v.k, new Set(v.withhold.map(([p, c]) => `${p} ${c}`)), v.to, v.kind);
      if (jsonEqual(want, out.to as JsonValue)) return null;
      // A directed frame written to a peer outside the roster, as upstream does, misses only the SHOULD.
      const stranger = v.to !== undefined && v.to !== v.self && !v.roster.includes(v.to);
      return { requirement: stranger ? 'CAPS-19' : 'CONT-07', message: 'recipients differ from chapter 13\'s rule', expected: want, actual: out.to };
    },
  }),
];
