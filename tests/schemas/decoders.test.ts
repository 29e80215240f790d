// The typed plane decoders and the small receiver rules around them (spec/07-messages.md).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  decodeClientToCoordinator, decodeCoordinatorToClient, decodeDataplane, decodePresence, decodeSignaling,
  decodeSignalingFromClient, decodeSigned, decodeSocketQuery, decodeSignalHostResponse, decodeCompactToken,
  memberProtocol, readEngineMeta, rosterFlags, sanitizeGrant, MSG_ERROR_CODES, metaWithinBound, META_JSON_MAX, newSocketToken,
} from '../../reference/messages/index.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { privateJwkFromSecret } from '../../reference/token/keys.ts';
import { sha256 } from '@noble/hashes/sha2.js';

/** A fixed P-256 key; this label's hash is a valid scalar. */
const privateJwk = privateJwkFromSecret(sha256(new TextEncoder().encode('kibitz test vectors / host')));

const MEDIA_ID = '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13';

test('[MSG-06] an upstream announce with BinaryPack nulls decodes, typed', () => {
  const r = decodeClientToCoordinator({ t: 'voice', on: true, cam: false, name: 'Ann', avatar: '', voiceId: MEDIA_ID, token: 'k3j2', meta: null, jwt: null, agentAssertion: null, agentCredit: null });
  assert.ok(r.ok);
  if (r.ok && r.value.t === 'voice') {
    assert.is(r.value.voiceId, MEDIA_ID);
    assert.is(r.value.jwt ?? undefined, undefined);
  }
  // The same member with `undefined` (in-memory transports) reads as absent too.
  assert.ok(decodeClientToCoordinator({ t: 'voice', on: false, cam: false, name: 'Ann', jwt: undefined }).ok);
});

test('[MSG-25] roster flags: absent or null read as false and ""', () => {
  const r = decodeCoordinatorToClient({ t: 'roster', members: [], lobby: null });
  assert.ok(r.ok && r.value.t === 'roster');
  if (r.ok && r.value.t === 'roster') assert.equal(rosterFlags(r.value), { lobby: false, host: '', locked: false });
  assert.equal(rosterFlags({ lobby: true, host: MEDIA_ID, locked: true }), { lobby: true, host: MEDIA_ID, locked: true });
});

test('[MSG-02] unknown kinds are reported as msg.unknown-type at the discriminator', () => {
  for (const [decode, frame, path] of [
    [decodePresence, { t: 'typing' }, '/t'],
    [decodeSignaling, { type: 'PONG' }, '/type'],
    [decodeDataplane, { k: 'poll' }, '/k'],
  ] as const) {
    const r = decode(frame);
    assert.ok(!r.ok && r.error.code === 'msg.unknown-type' && r.error.path === path, JSON.stringify(frame));
  }
});

test('[MSG-29] ~kbz is read leniently and never fails a roster', () => {
  const meta = { '~kbz': { v: '0.9.0', b: 'b'.repeat(100), p: 2, f: ['chat.v1', 7, 'xfer.v2', ...Array.from({ length: 80 }, (_, i) => `t${i}`)] } };
  const info = readEngineMeta(meta)!;
  assert.is(info.b.length, 64);
  assert.is(info.p, 2);
  assert.is(info.f.length, 64);
  assert.equal(info.f.slice(0, 3), ['chat.v1', 'xfer.v2', 't0']);
  assert.is(readEngineMeta({ role: 'agent' }), undefined);
  assert.is(readEngineMeta(null), undefined);
  assert.equal(readEngineMeta({ '~kbz': { p: 'two', f: 'chat.v1' } }), { v: '', b: '', p: 1, f: [] });
  assert.is(memberProtocol({ '~kbz': { p: Number.NaN } }), 1);
  assert.is(memberProtocol(undefined), 1);
  const roster = { t: 'roster', members: [{ id: MEDIA_ID, name: 'A', cam: false, meta: { '~kbz': 'garbage' } }] };
  assert.ok(decodeCoordinatorToClient(roster).ok);
});

test('[MSG-30] unknown feature tags pass through the reader untouched', () => {
  assert.equal(readEngineMeta({ '~kbz': { v: '1', b: 'x', p: 1, f: ['teleport.v9'] } })?.f, ['teleport.v9']);
});

test('[MSG-34] data-plane routing: known `t` is control, everything else is content', () => {
  const cap = decodeDataplane({ t: 'cap', bulk: 1 });
  assert.ok(cap.ok && cap.value.plane === 'control');
  const chat = decodeDataplane({ k: 'chat', text: 'hi' });
  assert.ok(chat.ok && chat.value.plane === 'content');
  const mixed = decodeDataplane({ t: 'typing', k: 'chat', text: 'hi' });
  assert.ok(mixed.ok && mixed.value.plane === 'content', 'an unknown t does not make a control frame');
  const badCap = decodeDataplane({ t: 'cap' });
  assert.ok(!badCap.ok && badCap.error.code === 'msg.missing-field' && badCap.error.path === '/bulk');
});

test('[MSG-38] grants: unknown capabilities dropped, backend cut to 80, egress and expiry kept only when meaningful', () => {
  assert.equal(
    sanitizeGrant({ perceive: ['read-chat', 'read-minds', 'read-chat'], act: ['levitate', 'speak'], backend: 'b'.repeat(90), egress: true, expiresAt: 0 }),
    { perceive: ['read-chat'], act: ['speak'], backend: 'b'.repeat(80), egress: true },
  );
  assert.equal(sanitizeGrant({ perceive: [], act: [], backend: null, egress: null, expiresAt: 1767229200 }), { perceive: [], act: [], expiresAt: 1767229200 });
});

test('[MSG-09] [MSG-10] socket query read from a real PeerJS 1.5.5 URL', () => {
  const r = decodeSocketQuery('wss://signal.kibitz.chat:443/peerjs?key=peerjs&id=kbz-v1-standup&token=f3k9w2x1q8&version=1.5.5');
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.value, { key: 'peerjs', id: 'kbz-v1-standup', token: 'f3k9w2x1q8', version: '1.5.5' });
  const noToken = decodeSocketQuery('wss://h/peerjs?key=peerjs&id=kbz-v1-standup');
  assert.ok(!noToken.ok && noToken.error.path === '/token');
  const badId = decodeSocketQuery('wss://h/peerjs?key=peerjs&id=kbz-v1-&token=t');
  assert.ok(!badId.ok && badId.error.code === 'msg.bad-value' && badId.error.path === '/id');
  assert.ok(!decodeSocketQuery('http://[bad').ok);
});

test('[MSG-08] broker choice: a host or null; anything else is a failed lookup', () => {
  assert.ok(decodeSignalHostResponse({ host: 'signal.kibitz.chat' }).ok);
  assert.ok(decodeSignalHostResponse({ host: null }).ok);
  assert.ok(!decodeSignalHostResponse('signal.kibitz.chat').ok);
});

test('[MSG-32] the host command payload refuses unknown members; [MSG-31] token shape', () => {
  const body = { k: 'kbz-host-cmd.v1', room: 'standup', fp: 'ab:cd', op: 'lock', iat: 1767225600, jti: '0123456789abcdef01234567' };
  assert.ok(decodeSigned(body).ok);
  const r = decodeSigned({ ...body, nbf: 1 });
  assert.ok(!r.ok && r.error.code === 'msg.unknown-field' && r.error.path === '/nbf');
  assert.ok(decodeCompactToken('eyJrIjoxfQ.' + 'A'.repeat(86)).ok);
  assert.ok(!decodeCompactToken('eyJrIjoxfQ').ok);
});

test('[MSG-33] [MSG-32] the reference signer emits payloads that pass the strict definition', () => {
  for (const [op, target] of [['claim', undefined], ['kick', MEDIA_ID], ['admit', 'presence-conn-1'], ['lock', undefined]] as const) {
    const r = signHostCommand({ privateJwk, room: 'standup', fp: 'AB:CD', op, ...(target ? { target } : {}), now: 1767225600 });
    assert.ok(r.ok, op);
    if (!r.ok) continue;
    const body = JSON.parse(Buffer.from(r.value.token.split('.')[0]!, 'base64url').toString('utf8')) as unknown;
    const d = decodeSigned(body);
    assert.ok(d.ok, `${op}: ${d.ok ? '' : d.error.message}`);
    assert.equal(Object.keys(body as object), Object.keys(r.value.payload));
  }
});

test('[MSG-23] meta bound: JSON text of at most 16384 characters, never throwing', () => {
  assert.ok(metaWithinBound(undefined) && metaWithinBound(null) && metaWithinBound({ seat: 3 }));
  assert.ok(metaWithinBound({ x: 'a'.repeat(META_JSON_MAX - 8) })); // {"x":"…"} is 8 characters of overhead
  assert.not.ok(metaWithinBound({ x: 'a'.repeat(META_JSON_MAX - 7) }));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.not.ok(metaWithinBound(cyclic));
});

test('[MSG-11] socket tokens: 128 bits from the CSPRNG, URL-safe, a valid SocketQuery token', () => {
  const tokens = new Set(Array.from({ length: 64 }, () => newSocketToken()));
  assert.is(tokens.size, 64);
  for (const t of tokens) assert.match(t, /^[0-9a-f]{32}$/);
  assert.is(newSocketToken((n) => new Uint8Array(n).fill(0xab)), 'ab'.repeat(16));
  const q = decodeSocketQuery(`wss://h/peerjs?key=peerjs&id=kbz-v1-standup&token=${newSocketToken()}&version=1.5.5`);
  assert.ok(q.ok);
});

test('[MSG-12] a broker decodes what a client sends', () => {
  assert.ok(decodeSignalingFromClient({ type: 'HEARTBEAT' }).ok);
  const r = decodeSignalingFromClient({ type: 'OFFER', dst: MEDIA_ID });
  assert.ok(!r.ok && r.error.path === '/payload');
});

test('[MSG-07] hostile values never throw and come back as typed errors', () => {
  const cyclic: Record<string, unknown> = { t: 'voice', on: true, cam: true, name: 'x' };
  cyclic.meta = cyclic;
  const throwingGetter = Object.defineProperty({ t: 'voice' }, 'on', { enumerable: true, get() { throw new Error('boom'); } });
  const hostileProxy = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, has() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } });
  const deep: unknown[] = [];
  let cur = deep;
  for (let i = 0; i < 100_000; i++) { const next: unknown[] = []; cur.push(next); cur = next; }
  const values: unknown[] = [
    undefined, Number.NaN, Infinity, -0, 10n, Symbol('s'), () => 1, new Date(0), new Map([['t', 'ping']]),
    cyclic, throwingGetter, hostileProxy, deep, { t: 'roster', members: deep }, Object.create({ t: 'ping' }),
    { t: 'voice', on: true, cam: true, name: 'x', meta: cyclic }, '\u0000', 'x'.repeat(1_000_000),
  ];
  const codes: ReadonlySet<string> = new Set(MSG_ERROR_CODES);
  const decoders = [decodePresence, decodeClientToCoordinator, decodeCoordinatorToClient, decodeSignaling, decodeSignalingFromClient, decodeDataplane, decodeSigned, decodeCompactToken, decodeSignalHostResponse];
  for (const v of values) {
    for (const d of decoders) {
      let r: ReturnType<typeof d> | undefined;
      assert.not.throws(() => { r = d(v); }, `${d.name}(${typeof v})`);
      if (r && !r.ok) assert.ok(codes.has(r.error.code) && typeof r.error.path === 'string', `${d.name}: ${JSON.stringify(r.error)}`);
    }
  }
  // A valid frame that happens to reference itself in open data is still a valid frame.
  assert.ok(decodeClientToCoordinator({ t: 'voice', on: true, cam: true, name: 'x', meta: cyclic }).ok);
});

test.run();
