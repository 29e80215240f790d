// Property checks of the crypto profile. Oracles are the harness's own models of the spec
// (conformance/oracles/: room ids, canonical fingerprints, the binding nonce, the safety code, the
// signed token, host command payloads), plus properties that need no oracle (symmetry, shape,
// tamper rejection, time windows, the replay window).
import fc from 'fast-check';
import type { JsonObject } from '../lib/json.ts';
import { b64u } from '../lib/base64url.ts';
import { utf8 } from '../lib/text.ts';
import { jsonEqual, outputEqual, withoutExtensions } from '../compare.ts';
import type { Implementation } from '../impl/types.ts';
import { BROKER_ID, roomId, AUTHORITY_PREFIX } from '../oracles/room.ts';
import { bindingNonce, canonicalFp } from '../oracles/fingerprint.ts';
import { sasCode } from '../oracles/sas.ts';
import { TestKey, verifyToken, withS } from '../oracles/es256.ts';
import { commandPayload, HOST_CMD_KIND, HOST_OPS, TARGET_OPS } from '../oracles/hostcmd.ts';
import { providerJwks, providerKid, rs256 } from '../oracles/rs256.ts';
import { anyText, fingerprint, messyFingerprint, payloadObject, roomName, salt } from './crypto-arbitraries.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from './property.ts';
import type { Check } from './types.ts';

async function sameAsModel(impl: Implementation, op: string, input: JsonObject, want: JsonObject, requirement: string): Promise<Failure | null> {
  const got = outputOf(await call(impl, op, input), requirement);
  if (isFailure(got)) return got;
  return outputEqual(want, got) ? null : { requirement, message: `${op} differs from the model of the spec`, expected: want, actual: got };
}

// Fixed keys for signing properties (never used outside tests).
const HOST = new TestKey('crypto properties host');
// Functions, not constants: deriving the public key costs noble's table set-up, kept off import.
const hostPriv = (): JsonObject => HOST.privateJwk as unknown as JsonObject;
const hostPub = (): JsonObject => HOST.publicJwk as unknown as JsonObject;
const NOW = 1_700_000_000;
const sign = (payload: JsonObject): string => HOST.signJson(JSON.stringify(payload));

const ROOM = 'standup';

// Check ids never change meaning and are never renamed: `*.matches-reference` and
// `verify-reference-tokens` keep the names they had when the reference was the oracle; today the
// oracle is the harness's own model of the same rule, so the verdicts mean the same thing.
export const CRYPTO_PROPERTIES: Check[] = [
  propertyCheck({
    id: 'prop.room.normalize.matches-reference',
    covers: ['ROOM-01', 'ROOM-02', 'CONV-09'],
    description: 'room.normalize agrees with the model of ROOM-01 on generated names (Unicode case traps, astral characters, 40-character cuts)',
    probe: { op: 'room.normalize', input: { name: 'x' } },
    arbitrary: () => roomName(),
    predicate: (impl, name) => sameAsModel(impl, 'room.normalize', { name }, { room: roomId(name) }, 'ROOM-01'),
  }),
  propertyCheck({
    id: 'prop.room.normalize.shape',
    covers: ['ROOM-01'],
    description: 'A room id is at most 40 characters of a-z, 0-9 and single hyphens, never starting with a hyphen',
    probe: { op: 'room.normalize', input: { name: 'x' } },
    arbitrary: () => roomName(),
    predicate: async (impl, name) => {
      const out = outputOf(await call(impl, 'room.normalize', { name }), 'ROOM-01');
      if (isFailure(out)) return out;
      const room = String(out.room);
      return /^(?!-)(?:[a-z0-9]|-(?!-)){0,40}$/.test(room) ? null : { requirement: 'ROOM-01', message: 'room id has the wrong shape', actual: room };
    },
  }),
  propertyCheck({
    id: 'prop.room.peer-id.claimable-iff-valid',
    covers: ['ROOM-03', 'ROOM-06'],
    description: 'room.peerId is kbz-v1- + the room id when that is a valid broker id, and room.unclaimable-id exactly when it is not',
    probe: { op: 'room.peerId', input: { name: 'x' } },
    arbitrary: () => roomName(),
    predicate: async (impl, name) => {
      const id = AUTHORITY_PREFIX + roomId(name);
      const r = await call(impl, 'room.peerId', { name });
      if (BROKER_ID.test(id)) {
        const out = outputOf(r, 'ROOM-03');
        if (isFailure(out)) return out;
        return out.peerId === id ? null : { requirement: 'ROOM-03', message: 'wrong peer id', expected: id, actual: out.peerId };
      }
      if ('ok' in r && !r.ok && r.error.code === 'room.unclaimable-id') return null;
      return { requirement: 'ROOM-06', message: `${JSON.stringify(id)} cannot be registered on a broker; expected room.unclaimable-id`, actual: r };
    },
  }),
  propertyCheck({
    id: 'prop.fingerprint.canonical.matches-reference',
    covers: ['CONV-08', 'CONV-09', 'CONV-11'],
    description: 'fingerprint.canonical trims exactly the ECMAScript set and lower-cases fully',
    probe: { op: 'fingerprint.canonical', input: { fp: 'AB' } },
    arbitrary: () => anyText(),
    predicate: (impl, fp) => sameAsModel(impl, 'fingerprint.canonical', { fp }, { fp: canonicalFp(fp) }, 'CONV-11'),
  }),
  propertyCheck({
    id: 'prop.certbinding.nonce.matches-reference',
    covers: ['BIND-01', 'BIND-03', 'CONV-08'],
    description: 'certbinding.nonce agrees with the model of BIND-01 for messy fingerprints and absent, empty or Unicode salts',
    probe: { op: 'certbinding.nonce', input: { fp: 'ab' } },
    arbitrary: () => fc.tuple(fc.oneof(messyFingerprint(), anyText()), salt()),
    predicate: (impl, [fp, s]) => sameAsModel(impl, 'certbinding.nonce', s === undefined ? { fp } : { fp, salt: s }, { nonce: bindingNonce(fp, s) }, 'BIND-01'),
  }),
  propertyCheck({
    id: 'prop.sas.symmetry',
    covers: ['SAS-05'],
    description: 'Both peers compute the same code: sas.code(a, b) = sas.code(b, a)',
    probe: { op: 'sas.code', input: { fpA: 'a', fpB: 'b' } },
    arbitrary: () => fc.tuple(anyText(), anyText()),
    predicate: async (impl, [a, b]) => {
      const x = outputOf(await call(impl, 'sas.code', { fpA: a, fpB: b }), 'SAS-05');
      const y = outputOf(await call(impl, 'sas.code', { fpA: b, fpB: a }), 'SAS-05');
      if (isFailure(x)) return x;
      if (isFailure(y)) return y;
      return jsonEqual(withoutExtensions(x), withoutExtensions(y)) ? null : { requirement: 'SAS-05', message: 'the two sides get different codes', expected: x, actual: y };
    },
  }),
  propertyCheck({
    id: 'prop.sas.code.matches-reference',
    covers: ['SAS-04', 'SAS-06', 'SAS-07', 'SAS-08'],
    description: 'sas.code agrees with the model of SAS-04..SAS-07 for generated fingerprints and symbol counts 1..32',
    probe: { op: 'sas.code', input: { fpA: 'a', fpB: 'b' } },
    arbitrary: () => fc.tuple(fc.oneof(messyFingerprint(), anyText()), fc.oneof(messyFingerprint(), anyText()), fc.integer({ min: 1, max: 32 })),
    predicate: (impl, [a, b, n]) => sameAsModel(impl, 'sas.code', { fpA: a, fpB: b, symbols: n }, sasCode(a, b, n), 'SAS-07'),
  }),
  propertyCheck({
    id: 'prop.token.sign-then-verify',
    covers: ['TOK-01', 'TOK-02', 'TOK-03'],
    description: 'A token the implementation signs verifies (ECDSA P-256 over the body text, r || s), over exactly the given JSON',
    probe: () => ({ op: 'token.sign', input: { privateJwk: hostPriv() as never, payloadJson: '{}' } }),
    arbitrary: () => payloadObject(),
    runsFactor: 0.5,
    predicate: async (impl, payload) => {
      const payloadJson = JSON.stringify(payload);
      const out = outputOf(await call(impl, 'token.sign', { privateJwk: hostPriv() as never, payloadJson }), 'TOK-01');
      if (isFailure(out)) return out;
      if (typeof out.token !== 'string') return { requirement: 'TOK-01', message: 'output.token is not a string', actual: out.token };
      const v = verifyToken(out.token, hostPub());
      if (!v.ok) return { requirement: v.step === 'signature-form' ? 'TOK-03' : 'TOK-02', message: `the token does not verify: ${v.message}`, actual: out.token };
      const want = b64u(utf8(payloadJson));
      return v.body === want ? null : { requirement: 'TOK-01', message: 'the body is not B64U(UTF-8(payloadJson))', expected: want, actual: v.body };
    },
  }),
  propertyCheck({
    id: 'prop.token.verify-reference-tokens',
    covers: ['TOK-04', 'TOK-06', 'TOK-08'],
    description: 'Tokens signed by the harness (random nonces, high-S or low-S) verify and yield the payload',
    probe: () => ({ op: 'token.verify', input: { token: 'a.b', publicJwk: hostPub() as never } }),
    arbitrary: () => fc.tuple(payloadObject(), fc.boolean()),
    runsFactor: 0.5,
    predicate: async (impl, [payload, highS]) => {
      const token = withS(sign(payload), highS);
      const out = outputOf(await call(impl, 'token.verify', { token, publicJwk: hostPub() as never }), 'TOK-06');
      if (isFailure(out)) return { ...out, actual: token };
      return jsonEqual(out.payload, payload) ? null : { requirement: 'TOK-06', message: 'payload differs', expected: payload, actual: out.payload };
    },
  }),
  propertyCheck({
    id: 'prop.token.one-character-tamper',
    covers: ['TOK-06', 'TOK-09'],
    description: 'Changing any one character of a valid token (outside padding bits) makes it invalid',
    probe: () => ({ op: 'token.verify', input: { token: 'a.b', publicJwk: hostPub() as never } }),
    arbitrary: () => fc.tuple(payloadObject(), fc.nat(), fc.nat()),
    runsFactor: 0.5,
    predicate: async (impl, [payload, pos, pick]) => {
      const token = sign(payload);
      const dot = token.indexOf('.');
      // Skip the dot and the last character of each part: its low bits may be unused padding bits.
      const candidates = [...token].map((_, i) => i).filter((i) => i !== dot && i !== dot - 1 && i !== token.length - 1);
      const i = candidates[pos % candidates.length]!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const others = alphabet.replace(token[i]!, '');
      const tampered = token.slice(0, i) + others[pick % others.length]! + token.slice(i + 1);
      const r = await call(impl, 'token.verify', { token: tampered, publicJwk: hostPub() as never });
      if ('ok' in r && !r.ok && r.error.code.startsWith('token.')) return null;
      return { requirement: 'TOK-06', message: 'a tampered token was not rejected with a token.* error', actual: { token: tampered, response: r } };
    },
  }),
  propertyCheck({
    id: 'prop.hostcmd.freshness-window',
    covers: ['HCMD-11', 'HCMD-08'],
    description: 'A command is accepted exactly when now-120 <= iat <= now+60; otherwise hostcmd.stale or hostcmd.future',
    probe: { op: 'hostcmd.verify', input: { token: '', room: ROOM, now: NOW } },
    // Half the cases sit on or next to a bound: uniform offsets almost never hit exactly -120 or +60.
    arbitrary: () => fc.integer({ min: -400, max: 400 }),
    examples: [-121, -120, -119, 59, 60, 61, 0],
    runsFactor: 0.5,
    predicate: async (impl, offset) => {
      const fp = 'aa:bb';
      const token = sign(commandPayload({ room: ROOM, fp, op: 'lock', iat: NOW + offset, jti: 'a'.repeat(24) }));
      const r = await call(impl, 'hostcmd.verify', { token, hostPublicJwk: hostPub() as never, room: ROOM, remoteFp: fp, now: NOW });
      const expected = offset > 60 ? 'hostcmd.future' : offset < -120 ? 'hostcmd.stale' : null;
      const got = 'ok' in r ? (r.ok ? null : r.error.code) : 'unsupported';
      return got === expected ? null : { requirement: 'HCMD-11', message: `iat = now ${offset >= 0 ? '+' : '-'} ${Math.abs(offset)} s`, expected: expected ?? 'accepted', actual: got ?? 'accepted' };
    },
  }),
  propertyCheck({
    id: 'prop.hostcmd.sign-then-verify',
    covers: ['HCMD-02', 'HCMD-03', 'HCMD-05', 'HCMD-06', 'HCMD-07'],
    description: 'Commands the implementation signs verify under the host key and carry k, room, canonical fp, op, target, iat and jti, in table order',
    probe: () => ({ op: 'hostcmd.sign', input: { privateJwk: hostPriv() as never, room: ROOM, fp: 'aa', op: 'lock', now: NOW, jti: 'a'.repeat(24) } }),
    arbitrary: () => fc.record({
      op: fc.constantFrom(...HOST_OPS),
      target: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      room: fc.stringMatching(/^[a-z0-9]{1,12}(?:-[a-z0-9]{1,8})?$/),
      fp: messyFingerprint(),
      iat: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
      jti: fc.stringMatching(/^[0-9a-f]{24}$/),
    }),
    runsFactor: 0.5,
    predicate: async (impl, c) => {
      const takesTarget = TARGET_OPS.includes(c.op);
      const input: JsonObject = { privateJwk: hostPriv() as never, room: c.room, fp: c.fp, op: c.op, now: c.iat, jti: c.jti, ...(takesTarget ? { target: c.target } : {}) };
      const out = outputOf(await call(impl, 'hostcmd.sign', input), 'HCMD-03');
      if (isFailure(out)) return out;
      if (typeof out.token !== 'string') return { requirement: 'HCMD-03', message: 'output.token is not a string', actual: out.token };
      const v = verifyToken(out.token, hostPub());
      if (!v.ok) return { requirement: 'HCMD-03', message: `the command does not verify under the host key: ${v.message}`, actual: out.token };
      const want = commandPayload({ room: c.room, fp: c.fp, op: c.op, target: takesTarget ? c.target : undefined, iat: c.iat, jti: c.jti });
      const got = v.payload;
      if (got.k !== HOST_CMD_KIND) return { requirement: 'HCMD-02', message: 'wrong k', expected: HOST_CMD_KIND, actual: got.k };
      if (got.fp !== canonicalFp(c.fp)) return { requirement: 'HCMD-07', message: 'fp is not the canonical form of the signer\'s fingerprint', expected: want.fp, actual: got.fp };
      const fields = (o: JsonObject) => ({ op: o.op, target: o.target ?? null, jti: o.jti ?? null });
      if (!jsonEqual(fields(got), fields(want))) return { requirement: 'HCMD-05', message: 'op/target/jti differ', expected: fields(want), actual: fields(got) };
      if (!jsonEqual(got, want)) return { requirement: 'HCMD-03', message: 'payload differs', expected: want, actual: got };
      const order = (o: JsonObject) => Object.keys(o).join(',');
      return order(got) === order(want) ? null : { requirement: 'HCMD-03', message: 'members out of order', expected: order(want), actual: order(got) };
    },
  }),
  propertyCheck({
    id: 'prop.hostcmd.cert-binding',
    covers: ['HCMD-10', 'CONV-11'],
    description: 'A command binds to its own certificate in any case/whitespace form and to no other certificate',
    probe: { op: 'hostcmd.verify', input: { token: '', room: ROOM, now: NOW } },
    arbitrary: () => fc.tuple(fingerprint(), fingerprint(), fc.boolean(), fc.constantFrom('', ' ', '\n', '\ufeff')),
    runsFactor: 0.5,
    predicate: async (impl, [fp, other, upper, pad]) => {
      const token = sign(commandPayload({ room: ROOM, fp, op: 'reset', iat: NOW, jti: 'b'.repeat(24) }));
      const same = `${pad}${upper ? fp.toUpperCase() : fp}${pad}`;
      const ok = await call(impl, 'hostcmd.verify', { token, hostPublicJwk: hostPub() as never, room: ROOM, remoteFp: same, now: NOW });
      if (!('ok' in ok && ok.ok)) return { requirement: 'HCMD-10', message: 'rejected on its own certificate', actual: { remoteFp: same, response: ok } };
      if (other === fp) return null;
      const bad = await call(impl, 'hostcmd.verify', { token, hostPublicJwk: hostPub() as never, room: ROOM, remoteFp: other, now: NOW });
      return 'ok' in bad && !bad.ok && bad.error.code === 'hostcmd.not-cert-bound'
        ? null
        : { requirement: 'HCMD-10', message: 'accepted (or wrong code) on another certificate', expected: 'hostcmd.not-cert-bound', actual: bad };
    },
  }),
  propertyCheck({
    id: 'prop.hostcmd.replay-model',
    covers: ['HCMD-13', 'HCMD-14'],
    description: 'hostcmd.process accepts a jti once and a command without jti every time (model: a set of seen jti)',
    probe: { op: 'hostcmd.process', input: { room: ROOM, commands: [] } },
    arbitrary: () => fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { minLength: 1, maxLength: 20 }),
    runsFactor: 0.3,
    predicate: async (impl, picks) => {
      const tokenFor = (p: number | null): string => {
        const jti = p === null ? undefined : p.toString(16).padStart(24, '0');
        return sign(commandPayload({ room: ROOM, fp: 'cc', op: 'unlock', iat: NOW, jti }));
      };
      const commands = picks.map((p) => ({ token: tokenFor(p), remoteFp: 'cc', now: NOW }));
      const out = outputOf(await call(impl, 'hostcmd.process', { hostPublicJwk: hostPub() as never, room: ROOM, commands }), 'HCMD-13');
      if (isFailure(out)) return out;
      const seen = new Set<number>();
      const model = picks.map((p) => (p === null ? true : seen.has(p) ? false : (seen.add(p), true)));
      const got = (out.results as { ok: boolean }[]).map((r) => r.ok);
      return jsonEqual(model, got) ? null : { requirement: picks.includes(null) ? 'HCMD-14' : 'HCMD-13', message: 'accepted/replayed pattern differs from the model', expected: model, actual: got };
    },
  }),
  propertyCheck({
    id: 'prop.idtoken.time-window-model',
    covers: ['IDT-10', 'IDT-11', 'IDT-12', 'IDT-13', 'IDT-14'],
    description: 'ID-token time checks match a model of the inequalities for random exp, nbf, iat, leeway and maximum age',
    probe: { op: 'idtoken.verify', input: { jwt: '', jwks: { keys: [] }, issuers: [], audience: '', now: NOW, remoteFp: null, salt: '' } },
    arbitrary: () => fc.record({
      exp: fc.option(fc.integer({ min: -200, max: 200 }), { nil: undefined }),
      nbf: fc.option(fc.integer({ min: -200, max: 200 }), { nil: undefined }),
      iat: fc.option(fc.integer({ min: -4000, max: 200 }), { nil: undefined }),
      leeway: fc.integer({ min: 0, max: 90 }),
      maxAge: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
    }),
    runsFactor: 0.5,
    predicate: async (impl, t) => {
      const fp = 'dd:ee';
      const claims: JsonObject = { iss: 'https://issuer.example', aud: 'client', sub: 's1', email: 'a@b.example', email_verified: true, nonce: bindingNonce(fp, ROOM) };
      if (t.exp !== undefined) claims.exp = NOW + t.exp;
      if (t.nbf !== undefined) claims.nbf = NOW + t.nbf;
      if (t.iat !== undefined) claims.iat = NOW + t.iat;
      const token = rs256({ alg: 'RS256', kid: providerKid(), typ: 'JWT' }, claims);
      const input: JsonObject = { jwt: token, jwks: providerJwks(), issuers: ['https://issuer.example'], audience: 'client', now: NOW, leeway: t.leeway, remoteFp: fp, salt: ROOM };
      if (t.maxAge !== undefined) input.maxAge = t.maxAge;
      const L = t.leeway;
      const expected =
        t.exp === undefined || NOW >= NOW + t.exp + L ? 'idtoken.expired'
        : t.nbf !== undefined && NOW < NOW + t.nbf - L ? 'idtoken.not-yet-valid'
        : t.iat !== undefined && NOW + t.iat > NOW + L ? 'idtoken.future-iat'
        : t.iat !== undefined && t.maxAge !== undefined && -t.iat > t.maxAge ? 'idtoken.too-old'
        : t.iat === undefined && t.maxAge !== undefined ? 'idtoken.no-iat'
        : null;
      const r = await call(impl, 'idtoken.verify', input);
      const got = 'ok' in r ? (r.ok ? null : r.error.code) : 'unsupported';
      if (got === expected) return null;
      const requirement = { 'idtoken.expired': 'IDT-10', 'idtoken.not-yet-valid': 'IDT-11', 'idtoken.future-iat': 'IDT-12', 'idtoken.too-old': 'IDT-13', 'idtoken.no-iat': 'IDT-14' }[String(expected ?? got)] ?? 'IDT-10';
      return { requirement, message: 'time verdict differs from the model', expected: expected ?? 'valid', actual: got ?? 'valid' };
    },
  }),
  propertyCheck({
    id: 'prop.idtoken.alg-pinned',
    covers: ['IDT-03'],
    description: 'Any alg other than exactly RS256 is rejected before key selection',
    probe: { op: 'idtoken.verify', input: { jwt: '', jwks: { keys: [] }, issuers: [], audience: '', now: NOW, remoteFp: null, salt: '' } },
    arbitrary: () => fc.string({ maxLength: 6 }).filter((s) => s !== 'RS256'),
    examples: ['none', 'None', 'NONE', 'HS256', 'HS512', 'ES256', 'RS384', 'RS512', 'PS256', 'rs256', 'RS256 ', ' RS256', 'EdDSA', ''],
    runsFactor: 0.3,
    predicate: async (impl, alg) => {
      const token = rs256({ alg, kid: providerKid(), typ: 'JWT' }, { iss: 'i', aud: 'a', sub: 's', exp: NOW + 100 });
      const r = await call(impl, 'idtoken.verify', { jwt: token, jwks: providerJwks(), issuers: ['i'], audience: 'a', now: NOW, remoteFp: 'x', salt: '' });
      return 'ok' in r && !r.ok && r.error.code === 'idtoken.unsupported-alg' ? null : { requirement: 'IDT-03', message: `alg ${JSON.stringify(alg)} not rejected as unsupported`, actual: r };
    },
  }),
];
