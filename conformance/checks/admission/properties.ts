// Property checks of the `admission` profile. Each oracle is a harness model (./models.ts) or a
// public library; inputs are generated to hit the traps the chapter names (NFKC, trim set, order,
// boundaries, duplicates, hash-only matching).
import fc from 'fast-check';
import { b64u, fromB64u } from '../../lib/base64url.ts';
import type { JsonObject } from '../../lib/json.ts';
import { TestKey, verifyToken } from '../../oracles/es256.ts';
import { jsonEqual } from '../../compare.ts';
import type { Implementation } from '../../impl/types.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from '../property.ts';
import type { Check } from '../types.ts';
import {
  buildLinkModel, canonical, exchangeSendsModel, formatCodeModel, limiterModel, matchCodeModel, memberHashModel, openModel, pageRoomModel, rosterGateModel, sealModel,
} from './models.ts';

const P = 'admission';
const NOW = 1_700_000_000;
const creator = new TestKey('admission creator');
const ROOM = 'standup';

// ---- generators --------------------------------------------------------------------------------
/** Characters where canonicalisation goes wrong: compatibility forms, order traps, trim set, case. */
const trap = () => fc.constantFrom('\u00a8', '\u{1d400}', '\u212a', '\ufb01', '\uff41', 'e\u0301', '\u00e9', 'İ', 'ß', 'Σ', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u0085', '\u200b', '@', '.', 'A', 'Z', '|');
const word = () => fc.stringMatching(/^[a-z]{1,6}$/);
/** An e-mail-like identity with optional traps around and inside it. */
const identity = () => fc
  .tuple(fc.array(trap(), { maxLength: 2 }), word(), fc.option(trap(), { nil: undefined }), word(), fc.constantFrom('acme.com', 'x.org', 'Acme.COM'), fc.array(trap(), { maxLength: 2 }))
  .map(([pre, a, mid, b, dom, post]) => `${pre.join('')}${a}${mid ?? ''}${b}@${dom}${post.join('')}`);
const room = () => fc.constantFrom('standup', 'retro', 'room-3f9k2mq7p1', '');

const noFailure = async (impl: Implementation, op: string, input: JsonObject, requirement: string, expected: unknown, pick: (o: JsonObject) => unknown): Promise<Failure | null> => {
  const out = outputOf(await call(impl, op, input), requirement);
  if (isFailure(out)) return out;
  const got = pick(out);
  return jsonEqual(expected, got) ? null : { requirement, message: `${op} differs from the model`, expected, actual: got };
};
const errorOf = async (impl: Implementation, op: string, input: JsonObject): Promise<string | null | 'unsupported'> => {
  const r = await call(impl, op, input);
  if ('ok' in r) return r.ok ? null : r.error.code;
  return 'unsupported';
};

export const ADMISSION_PROPERTIES: Check[] = [
  propertyCheck({
    id: 'prop.admission.member-hash.model',
    profile: P,
    covers: ['MAN-05', 'MAN-04'],
    description: 'member.hash is B64U(SHA-256(NFKC-trim-lower(identity) "|" room)) for identities full of canonicalisation traps',
    probe: { op: 'member.hash', input: { identity: 'a', room: 'r' } },
    arbitrary: () => fc.tuple(identity(), room()),
    examples: [['\u00a8alice', 'standup'], ['\u{1d400}lice@acme.com', 'standup'], [' Alice@ACME.com ', 'standup']] as [string, string][],
    predicate: (impl, [id, r]) => noFailure(impl, 'member.hash', { identity: id, room: r }, 'MAN-05', memberHashModel(id, r), (o) => o.hash),
  }),
  propertyCheck({
    id: 'prop.admission.manifest.hashed-admits-exactly-listed',
    profile: P,
    covers: ['MAN-06', 'MAN-05'],
    description: 'A hashed manifest admits exactly the identities whose hash is listed, whatever cleartext members it also carries',
    probe: { op: 'manifest.admits', input: { manifest: { room: ROOM, members: ['a'] }, identity: 'a' } },
    arbitrary: () => fc.tuple(fc.uniqueArray(identity(), { minLength: 1, maxLength: 5, selector: canonical }), fc.array(identity(), { maxLength: 3 }), fc.nat(), identity()),
    predicate: async (impl, [listed, decoys, pick, stranger]) => {
      const manifest = { members: decoys, mh: listed.map((i) => memberHashModel(i, ROOM)), mode: 'google', room: ROOM, exp: NOW + 60 };
      // A listed identity (in another case), a cleartext decoy that must not match, or a stranger.
      const probe = pick % 3 === 0 ? listed[pick % listed.length]!.toUpperCase() : pick % 3 === 1 && decoys.length ? decoys[pick % decoys.length]! : stranger;
      const expected = probe !== '' && listed.some((l) => canonical(l) === canonical(probe) || memberHashModel(l, ROOM) === memberHashModel(probe, ROOM));
      return noFailure(impl, 'manifest.admits', { manifest, identity: probe }, 'MAN-06', expected, (o) => o.allowed);
    },
  }),
  propertyCheck({
    id: 'prop.admission.manifest.cleartext-canonical',
    profile: P,
    covers: ['MAN-06', 'MAN-04'],
    description: 'Without mh, a manifest admits an identity exactly when its canonical form equals a member\'s canonical form',
    probe: { op: 'manifest.admits', input: { manifest: { room: ROOM, members: ['a'] }, identity: 'a' } },
    arbitrary: () => fc.tuple(fc.array(identity(), { minLength: 1, maxLength: 4 }), identity()),
    predicate: async (impl, [members, probe]) => {
      const expected = probe !== '' && members.some((m) => canonical(m) === canonical(probe));
      return noFailure(impl, 'manifest.admits', { manifest: { members, mode: 'invite', room: ROOM, exp: NOW + 60 }, identity: probe }, 'MAN-06', expected, (o) => o.allowed);
    },
  }),
  propertyCheck({
    id: 'prop.admission.invite.room-and-exp',
    profile: P,
    covers: ['INV-03', 'INV-04'],
    description: 'An invite verifies only in its own room and only while now < exp (no leeway)',
    probe: { op: 'invite.verify', input: { token: 'a.b', creatorPublicJwk: creator.publicJwk as never, room: ROOM, now: NOW } },
    arbitrary: () => fc.tuple(room(), room(), fc.integer({ min: -5, max: 5 })),
    examples: [[ROOM, ROOM, 0], [ROOM, ROOM, 1], [ROOM, 'retro', 1], [ROOM, ROOM, -1]] as [string, string, number][],
    runsFactor: 0.5,
    predicate: async (impl, [signedRoom, askedRoom, delta]) => {
      const token = creator.signJson(JSON.stringify({ name: 'Ann', room: signedRoom, exp: NOW + delta }));
      const expected = signedRoom !== askedRoom ? 'invite.wrong-room' : delta <= 0 ? 'invite.expired' : null;
      const got = await errorOf(impl, 'invite.verify', { token, creatorPublicJwk: creator.publicJwk as never, room: askedRoom, now: NOW });
      return got === expected ? null : { requirement: expected === 'invite.expired' || delta === 1 ? 'INV-04' : 'INV-03', message: `invite for ${JSON.stringify(signedRoom)}, exp now${delta >= 0 ? '+' : ''}${delta}, asked in ${JSON.stringify(askedRoom)}`, expected: expected ?? 'accepted', actual: got ?? 'accepted' };
    },
  }),
  propertyCheck({
    id: 'prop.admission.invite.sign-verifies',
    profile: P,
    covers: ['INV-01', 'INV-02'],
    description: 'invite.sign produces a token that verifies under the creator key, over {name: trimmed name, room, exp} in that order',
    probe: { op: 'invite.sign', input: { privateJwk: creator.privateJwk as never, name: 'Ann', room: ROOM, exp: NOW } },
    arbitrary: () => fc.tuple(fc.tuple(fc.array(trap(), { maxLength: 2 }), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '')).map(([t, s]) => `${t.join('')}${s}`), room(), fc.integer({ min: 0, max: 2 ** 40 })),
    runsFactor: 0.5,
    predicate: async (impl, [name, r, exp]) => {
      const out = outputOf(await call(impl, 'invite.sign', { privateJwk: creator.privateJwk as never, name, room: r, exp }), 'INV-01');
      if (isFailure(out)) return name.trim() === '' ? null : out;
      const v = verifyToken(String(out.token), creator.publicJwk);
      if (!v.ok) return { requirement: 'INV-01', message: `the token does not verify: ${v.message}`, actual: out.token };
      const want = { name: name.trim(), room: r, exp };
      if (!jsonEqual(want, v.payload) || Object.keys(v.payload).join() !== 'name,room,exp') return { requirement: name.trim() === name ? 'INV-01' : 'INV-02', message: 'payload differs', expected: want, actual: v.payload };
      return null;
    },
  }),
  propertyCheck({
    id: 'prop.admission.manifest.verify-order',
    profile: P,
    covers: ['MAN-02', 'MAN-03'],
    description: 'manifest.verify reports the first failing step among room, pinned mode, expiry and allow-list',
    probe: { op: 'manifest.verify', input: { token: 'a.b', creatorPublicJwk: creator.publicJwk as never, room: ROOM, now: NOW } },
    arbitrary: () => fc.record({
      room: room(),
      mode: fc.constantFrom('invite', 'google', 'names'),
      pin: fc.option(fc.constantFrom('invite', 'google', 'names'), { nil: undefined }),
      delta: fc.integer({ min: -2, max: 2 }),
      members: fc.array(identity(), { maxLength: 2 }),
      domains: fc.array(fc.constantFrom('acme.com', '@x.org'), { maxLength: 2 }),
    }),
    runsFactor: 0.5,
    predicate: async (impl, c) => {
      const body = { members: c.members, ...(c.domains.length ? { domains: c.domains } : {}), mode: c.mode, room: c.room, exp: NOW + c.delta };
      const token = creator.signJson(JSON.stringify(body));
      const expected = c.room !== ROOM ? 'manifest.wrong-room' : c.pin && c.pin !== c.mode ? 'manifest.wrong-mode' : c.delta <= 0 ? 'manifest.expired' : c.members.length === 0 ? 'manifest.no-members' : null;
      const got = await errorOf(impl, 'manifest.verify', { token, creatorPublicJwk: creator.publicJwk as never, room: ROOM, now: NOW, ...(c.pin ? { mode: c.pin } : {}) });
      return got === expected ? null : { requirement: expected === 'manifest.expired' ? 'MAN-03' : 'MAN-02', message: `manifest ${JSON.stringify(body)} pinned to ${c.pin ?? 'nothing'}`, expected: expected ?? 'accepted', actual: got ?? 'accepted' };
    },
  }),
  propertyCheck({
    id: 'prop.admission.seal.matches-node-crypto',
    profile: P,
    covers: ['SEAL-01', 'SEAL-02', 'SEAL-03'],
    description: 'seal.seal with a given salt and IV equals node:crypto\'s PBKDF2-HMAC-SHA256 + AES-256-GCM blob (version 1; NFKC passphrases)',
    probe: { op: 'seal.open', input: { passphrase: 'x', blob: '' } },
    arbitrary: () => fc.tuple(fc.tuple(fc.array(trap(), { maxLength: 2 }), word()).map(([t, w]) => t.join('') + w), fc.string({ maxLength: 12 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 12, maxLength: 12 })),
    runsFactor: 0.03,
    predicate: async (impl, [pw, text, salt, iv]) => {
      const want = sealModel(pw, text, 1, salt, iv);
      return noFailure(impl, 'seal.seal', { passphrase: pw, plaintext: text, version: 1, salt: b64u(salt), iv: b64u(iv) }, 'SEAL-02', want, (o) => o.blob);
    },
  }),
  propertyCheck({
    id: 'prop.admission.seal.any-tamper-fails',
    profile: P,
    covers: ['SEAL-06', 'SEAL-05'],
    description: 'Changing any one byte of a sealed blob makes it fail to open, with a SEAL-05 code and no plaintext',
    probe: { op: 'seal.open', input: { passphrase: 'x', blob: '' } },
    arbitrary: () => fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })),
    examples: [[0, 1], [0, 3], [16, 1], [28, 1], [59, 128]] as [number, number][],
    runsFactor: 0.05,
    predicate: async (impl, [pos, x]) => {
      const blob = fromB64u(TAMPER_BLOB())!;
      const i = pos % blob.length;
      const t = Uint8Array.from(blob);
      t[i]! ^= x;
      const got = await errorOf(impl, 'seal.open', { passphrase: 'hunter2 and more', blob: b64u(t) });
      const ok = got !== null && got.startsWith('seal.') && got !== 'seal.bad-encoding' && got !== 'seal.too-short';
      if (i === 0 && got === null) return { requirement: 'SEAL-06', message: 'a relabelled version byte opened', actual: 'accepted' };
      return ok ? null : { requirement: 'SEAL-06', message: `byte ${i} xor ${x}: expected a seal.* failure`, actual: got ?? 'accepted' };
    },
  }),
  propertyCheck({
    id: 'prop.admission.joincode.format-model',
    profile: P,
    covers: ['CODE-01'],
    description: 'joincode.format is ALPHABET[byte mod 31] over the first six bytes, missing bytes as 0',
    probe: { op: 'joincode.format', input: { bytes: 'AAAAAAAA' } },
    arbitrary: () => fc.uint8Array({ maxLength: 9 }),
    examples: [Uint8Array.from([248, 249, 250, 251, 252, 253]), new Uint8Array()],
    predicate: (impl, bytes) => noFailure(impl, 'joincode.format', { bytes: b64u(bytes) }, 'CODE-01', formatCodeModel(bytes), (o) => o.code),
  }),
  propertyCheck({
    id: 'prop.admission.joincode.match-model',
    profile: P,
    covers: ['CODE-02'],
    description: 'joincode.match answers the last entry whose trimmed code equals the trimmed submission, exactly',
    probe: { op: 'joincode.match', input: { entries: [], code: 'x' } },
    arbitrary: () => fc.tuple(
      fc.uniqueArray(fc.record({ name: word(), code: fc.constantFrom('K7P-Q2M', ' K7P-Q2M', 'K7P-Q2M ', 'k7p-q2m', 'HAA-AB9', '', '  ', 'K7P') }), { maxLength: 5, selector: (e) => e.name }),
      fc.constantFrom('K7P-Q2M', 'K7P-Q2M', 'k7p-q2m', ' HAA-AB9\t', '', ' ', 'K7P', 'K7PQ2M'),
    ),
    examples: [[[{ name: 'first', code: 'K7P-Q2M' }, { name: 'last', code: ' K7P-Q2M' }], 'K7P-Q2M']] as [{ name: string; code: string }[], string][],
    predicate: (impl, [entries, code]) => noFailure(impl, 'joincode.match', { entries, code }, 'CODE-02', matchCodeModel(entries, code), (o) => o.name),
  }),
  propertyCheck({
    id: 'prop.admission.ratelimit.model',
    profile: P,
    covers: ['CODE-03'],
    description: 'ratelimit.run follows the CODE-03 limiter on random check, fail and clear sequences over two keys',
    probe: { op: 'ratelimit.run', input: { maxAttempts: 1, lockoutMs: 1, steps: [] } },
    arbitrary: () => fc.tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('c1', 'c2'), fc.constantFrom('check', 'fail', 'fail', 'clear')), { maxLength: 25 }),
    ),
    // The end of a lock-out, exactly and one millisecond before: uniform times rarely land on it.
    examples: [
      [1, 5, [[0, 'c1', 'fail'], [5, 'c1', 'check']]],
      [2, 10, [[0, 'c1', 'fail'], [1, 'c1', 'fail'], [9, 'c1', 'check'], [1, 'c1', 'check']]],
    ] as [number, number, [number, string, string][]][],
    predicate: async (impl, [max, lockout, raw]) => {
      let at = 0;
      const steps = raw.map(([dt, key, op]) => ({ at: (at += dt), key, op: op as 'check' | 'fail' | 'clear' }));
      return noFailure(impl, 'ratelimit.run', { maxAttempts: max, lockoutMs: lockout, steps }, 'CODE-03', limiterModel(max, lockout, steps), (o) => o.results);
    },
  }),
  propertyCheck({
    id: 'prop.admission.rostergate.model',
    profile: P,
    covers: ['RGATE-01', 'RGATE-02', 'RGATE-03', 'RGATE-04'],
    description: 'rostergate.state matches the model: canonical members, domains after the last @, pending, rejected, canShare and compromised',
    probe: { op: 'rostergate.state', input: {} },
    arbitrary: () => fc.record({
      members: fc.option(fc.array(identity(), { maxLength: 3 }), { nil: null }),
      domains: fc.option(fc.array(fc.constantFrom('acme.com', '@Acme.com', 'x.org', 'eng.acme.com'), { maxLength: 2 }), { nil: null }),
      self: fc.option(identity(), { nil: null }),
      peers: fc.uniqueArray(fc.record({ id: fc.constantFrom('v1', 'v2', 'v3', 'v4'), identity: fc.option(fc.oneof(identity(), fc.constant('')), { nil: null }) }), { maxLength: 4, selector: (p) => p.id }),
    }),
    predicate: async (impl, c) => {
      const m = rosterGateModel(c.members, c.domains, c.self, c.peers);
      return noFailure(impl, 'rostergate.state', c as unknown as JsonObject, 'RGATE-04', { canShare: m.canShare, compromised: m.compromised, peers: m.peers }, (o) => o);
    },
  }),
  propertyCheck({
    id: 'prop.admission.rostergate.allows-model',
    profile: P,
    covers: ['RGATE-05', 'RGATE-06'],
    description: 'rostergate.allows: broadcast needs canShare, a directed send a verified peer, a received message a verified sender unless it is idtoken or caps',
    probe: { op: 'rostergate.allows', input: { action: 'broadcast' } },
    arbitrary: () => fc.record({
      members: fc.option(fc.array(identity(), { maxLength: 2 }), { nil: null }),
      self: fc.option(identity(), { nil: null }),
      peers: fc.uniqueArray(fc.record({ id: fc.constantFrom('v1', 'v2', 'v3'), identity: fc.option(identity(), { nil: null }) }), { maxLength: 3, selector: (p) => p.id }),
      action: fc.constantFrom('broadcast', 'send', 'receive'),
      peer: fc.constantFrom('v1', 'v2', 'v3', 'v9'),
      kind: fc.constantFrom('chat', 'app', 'idtoken', 'caps', 'ink', 'ledger'),
    }),
    predicate: async (impl, c) => {
      const m = rosterGateModel(c.members, null, c.self, c.peers);
      const cleared = !m.active || m.peers[c.peer] === 'verified';
      const expected = c.action === 'broadcast' ? m.canShare : c.action === 'send' ? cleared : cleared || c.kind === 'idtoken' || c.kind === 'caps';
      return noFailure(impl, 'rostergate.allows', { ...c, domains: null } as unknown as JsonObject, c.action === 'receive' ? 'RGATE-06' : 'RGATE-05', expected, (o) => o.allowed);
    },
  }),
  propertyCheck({
    id: 'prop.admission.link.build-model',
    profile: P,
    covers: ['LINK-01', 'LINK-02'],
    description: 'link.build writes base#room?params in the fixed order, serialised as URLSearchParams does',
    probe: { op: 'link.build', input: { base: 'https://k.chat/', room: 'r', params: {} } },
    arbitrary: linkParams,
    predicate: (impl, params) => noFailure(impl, 'link.build', { base: 'https://kibitz.chat/', room: ROOM, params: params as JsonObject }, 'LINK-02', buildLinkModel('https://kibitz.chat/', ROOM, params), (o) => o.url),
  }),
  propertyCheck({
    id: 'prop.admission.link.round-trip',
    profile: P,
    covers: ['LINK-03', 'LINK-04', 'LINK-05', 'LINK-06', 'LINK-07', 'LINK-08'],
    description: 'Whatever link.build writes, link.parse reads back: the room and every parameter (lists trimmed, empty entries dropped; gated-only members ignored in the open mode)',
    probe: { op: 'link.parse', input: { url: 'https://k.chat/#r' } },
    arbitrary: linkParams,
    predicate: async (impl, params) => {
      const url = buildLinkModel('https://kibitz.chat/', ROOM, params);
      const want = expectedParsed(params);
      return noFailure(impl, 'link.parse', { url }, 'LINK-06', { room: ROOM, params: want }, (o) => o);
    },
  }),
  propertyCheck({
    id: 'prop.admission.page-room.model',
    profile: P,
    covers: ['LINK-13', 'LINK-14'],
    description: 'room.forUrl is the FNV-1a-32 page room of host and lower-cased path',
    probe: { op: 'room.forUrl', input: { url: 'https://example.com/' } },
    // Only URLs inside LINK-14's guarantee: the model parses with the runtime's URL (Node 20 keeps
    // some dot segments that the URL Standard removes), so no path segment is "." or "..", and no
    // host label starts with "xn--" (an invalid Punycode label is refused by the standard).
    arbitrary: () => fc.tuple(
      fc.constantFrom('http', 'https'),
      fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]$/).filter((l) => !l.startsWith('xn--')), { minLength: 1, maxLength: 4 }).map((l) => l.join('.')),
      fc.boolean(),
      fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/).filter((s) => s !== '.' && s !== '..'), { maxLength: 4 }),
      fc.constantFrom('', '/', '//', '?q=1', '#f', '/?x#y'),
    ),
    predicate: (impl, [scheme, host, www, segs, tail]) => {
      const url = `${scheme}://${www ? 'www.' : ''}${host}/${segs.join('/')}${tail}`;
      return noFailure(impl, 'room.forUrl', { url }, 'LINK-13', pageRoomModel(url), (o) => o.room);
    },
  }),
  propertyCheck({
    id: 'prop.admission.idtoken.sends-once-per-member',
    profile: P,
    covers: ['RGATE-07'],
    description: 'idtoken.exchange sends the current token once to every roster member but itself, in roster order, again to everyone after a new sign-in',
    probe: { op: 'idtoken.exchange', input: { self: 'vMe', steps: [] } },
    arbitrary: () => fc.array(
      fc.oneof(
        fc.uniqueArray(fc.constantFrom('vMe', 'v1', 'v2', 'v3', 'v4'), { maxLength: 5 }).map((members) => ({ type: 'roster' as const, members })),
        fc.constantFrom('jwt.a.1', 'jwt.b.2').map((jwt) => ({ type: 'signin' as const, jwt })),
      ),
      { maxLength: 8 },
    ),
    predicate: async (impl, steps) => {
      const want = exchangeSendsModel('vMe', steps).map((s) => ({ step: s.step, type: 'send', to: s.to, msg: { k: 'idtoken', jwt: s.jwt } }));
      return noFailure(impl, 'idtoken.exchange', { self: 'vMe', steps: steps as unknown as JsonObject[] }, 'RGATE-07', want, (o) => o.outputs);
    },
  }),
];

/** The blob the tamper property mutates: sealed by node:crypto (version 1) on first use, not at import. */
let tamperBlob: string | null = null;
const TAMPER_BLOB = (): string => (tamperBlob ??= sealModel('hunter2 and more', 'a sealed manifest token', 1, new Uint8Array(16).fill(7), new Uint8Array(12).fill(9)));

function linkParams(): fc.Arbitrary<Record<string, unknown>> {
  const text = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 ._~*!'()+%&=#?/-]{0,10}$/), fc.constantFrom('Zoë', 'café ☕', 'a b'));
  const entry = fc.stringMatching(/^[A-Za-z0-9 ._-]{0,8}$/);
  return fc.record(
    {
      g: fc.constantFrom('open', 'names', 'code', 'email', 'google', 'invite'),
      gn: fc.array(entry, { maxLength: 3 }),
      gk: fc.constant(creator.publicJwk as unknown as Record<string, unknown>),
      gm: text,
      ge: text,
      gc: text,
      gt: text,
      gh: fc.constant({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'BB', ext: true }),
      ghk: text,
      ghn: text,
      gho: text,
      gl: fc.boolean(),
      gd: fc.array(entry, { maxLength: 3 }),
      d: text,
      ag: fc.constantFrom('audio', 'audiovideo'),
      n: text,
    },
    { requiredKeys: ['g'] },
  );
}

/** What LINK-04..LINK-09 read back from a link the model wrote. */
function expectedParsed(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { g: p.g };
  const str = (k: string) => {
    if (typeof p[k] === 'string' && p[k] !== '') out[k] = p[k];
  };
  const list = (k: string) => {
    if (!Array.isArray(p[k]) || !(p[k] as string[]).length) return;
    const v = (p[k] as string[]).join(',').split(',').map((s) => s.trim()).filter(Boolean);
    if ((p[k] as string[]).join(',') !== '') out[k] = v;
  };
  if (p.gh) out.gh = p.gh;
  for (const k of ['ghk', 'ghn', 'gho', 'gc', 'gt', 'd', 'ag', 'n']) str(k);
  if (p.gl === true) out.gl = true;
  list('gd');
  if (p.g === 'open') return out;
  list('gn');
  if (p.gk) out.gk = p.gk;
  if (typeof p.ge === 'string' && p.ge !== '') out.ge = p.ge;
  else str('gm');
  return out;
}

export { openModel };
