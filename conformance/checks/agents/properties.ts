// Property checks of the `agents` profile. Oracles: the harness's own model of chapter 13
// (./model.ts), its own ES256 signer and verifier (conformance/oracles/es256.ts) and
// @noble/hashes for the thumbprint. Safety properties (a read-only agent never receives what it
// may not perceive; an intersection never widens) need no model at all.
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { b64u } from '../../lib/base64url.ts';
import type { JsonObject, JsonValue } from '../../lib/json.ts';
import { utf8 } from '../../lib/text.ts';
import { jsonEqual, outputEqual } from '../../compare.ts';
import type { Implementation } from '../../impl/types.ts';
import { canonicalFp } from '../../oracles/fingerprint.ts';
import { TestKey, verifyToken } from '../../oracles/es256.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from '../property.ts';
import type { Check } from '../types.ts';
import {
  ACT, acceptsOf, capsApplied, effective, grantOf, intersect, lanesOf, PERCEIVE, recipientsOf, sanitize, TRANSFER_FRAMES,
  viewInput, type Grant, type Member, type Transfer, type View,
} from './model.ts';

const NOW = 1_700_000_000;
const ROOM = 'standup';
const KIND = 'kbz-agent-key.v1';
const AGENT = new TestKey('agents properties agent');
const AGENT_PUB = AGENT.publicJwk as unknown as JsonObject;

async function sameAsModel(impl: Implementation, op: string, input: JsonObject, want: JsonObject, requirement: string): Promise<Failure | null> {
  const got = outputOf(await call(impl, op, input), requirement);
  if (isFailure(got)) return got;
  return outputEqual(want, got) ? null : { requirement, message: `${op} differs from the model of chapter 13`, expected: want, actual: got };
}

// ---- arbitraries -------------------------------------------------------------------------------

const capName = () => fc.constantFrom<string>(...PERCEIVE, ...ACT, 'fly', 'Read-Chat', '', 'read-chat ');
const expiry = () => fc.oneof(fc.constant(0), fc.integer({ min: NOW - 100, max: NOW + 100 }), fc.constant(-5));
const grantArb = (): fc.Arbitrary<Grant> =>
  fc.record(
    {
      perceive: fc.array(capName(), { maxLength: 9 }),
      act: fc.array(capName(), { maxLength: 5 }),
      backend: fc.string({ maxLength: 100 }),
      egress: fc.boolean(),
      expiresAt: expiry(),
    },
    { requiredKeys: ['perceive', 'act'] },
  ) as fc.Arbitrary<Grant>;
/** Anything a peer could put where a grant goes. */
const messyGrant = (): fc.Arbitrary<JsonValue> =>
  fc.oneof(
    grantArb() as fc.Arbitrary<JsonValue>,
    fc.record({
      perceive: fc.oneof(fc.array(fc.oneof(capName(), fc.integer(), fc.constant(null)) as fc.Arbitrary<JsonValue>), fc.string(), fc.constant(null), fc.dictionary(fc.string(), fc.boolean())),
      act: fc.oneof(fc.array(capName()), fc.constant(null), fc.string()),
      backend: fc.oneof(fc.string({ maxLength: 120 }), fc.integer(), fc.constant(null)),
      egress: fc.oneof(fc.boolean(), fc.integer({ min: -1, max: 2 }), fc.constantFrom('', 'no', 'true'), fc.constant(null)),
      expiresAt: fc.oneof(expiry(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant(null)),
    }, { requiredKeys: [] }) as fc.Arbitrary<JsonValue>,
    fc.jsonValue() as fc.Arbitrary<JsonValue>,
  );

const IDS = ['me', 'bea', 'ada', 'zed', 'eve', 'kai'];
const metaArb = (): fc.Arbitrary<JsonValue | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant({ role: 'agent' }),
    fc.record({ role: fc.constant('agent'), backend: fc.oneof(fc.string({ maxLength: 90 }), fc.integer()), egress: fc.oneof(fc.boolean(), fc.constant('true')) }, { requiredKeys: ['role'] }) as fc.Arbitrary<JsonValue>,
    fc.constantFrom<JsonValue>({ role: 'Agent' }, { role: 'kibitzer' }, 'agent', { seat: 3 }),
  );
const viewArb = (): fc.Arbitrary<View> =>
  fc
    .tuple(fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 6 }), fc.array(metaArb(), { minLength: 6, maxLength: 6 }), fc.array(fc.option(grantArb()), { minLength: 6, maxLength: 6 }), fc.nat({ max: 6 }), fc.integer({ min: NOW - 50, max: NOW + 50 }))
    .map(([ids, metas, overrides, selfIdx, now]) => {
      const roster: Member[] = ids.map((id, i) => (metas[i] === undefined ? { id } : { id, meta: metas[i] }));
      const grants: Record<string, Grant> = {};
      ids.forEach((id, i) => {
        const o = overrides[i];
        if (o) grants[id] = sanitize(o);
      });
      return { self: selfIdx < ids.length ? ids[selfIdx]! : 'me', roster, grants, now };
    });

const KINDS = ['chat', 'app', 'pay', 'ink', 'schema', 'widget', 'wevt', 'img', 'xbegin', 'xchunk', 'xend', 'ledger', 'chatledger', 'ctl', 'blob', 'idtoken', 'caps', 'xack'] as const;
const sendArb = () =>
  fc.record({
    view: viewArb(),
    kind: fc.constantFrom(...KINDS),
    transfer: fc.constantFrom<Transfer>('text', 'image', 'file'),
    to: fc.option(fc.constantFrom(...IDS, 'stranger'), { nil: undefined }),
  });

/** A read-only room: its agents have the default grant or an override lacking what a kind needs. */
const readOnlyRoomArb = () =>
  fc.record({
    humans: fc.integer({ min: 1, max: 3 }),
    agents: fc.array(fc.option(fc.subarray(['read-chat', 'read-roster', 'receive-directed', 'read-media', 'read-files'] as string[])), { minLength: 1, maxLength: 3 }),
    kind: fc.constantFrom('chat', 'app', 'pay', 'ink', 'img', 'widget', 'xbegin'),
    transfer: fc.constantFrom<Transfer>('text', 'image', 'file'),
    direct: fc.boolean(),
  });

// ---- checks -------------------------------------------------------------------------------------

const fpArb = () => fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));
/** `a` is `b` with some entries left out, order kept. */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j] !== x) j++;
    if (j === b.length) return false;
    j++;
  }
  return true;
}
const assertionJson = (room: string, fp: string, iat: number): string => JSON.stringify({ k: KIND, room, fp: canonicalFp(fp), iat });
const allowList = (): JsonValue => [{ key: AGENT_PUB }];

export const AGENT_PROPERTIES: Check[] = [
  propertyCheck({
    id: 'prop.agents.sanitize.matches-model',
    profile: 'agents',
    covers: ['GRANT-05'],
    description: 'caps.sanitize agrees with the model of GRANT-05 on grants and on values of every JSON type (unknown names, repeats, lists that are not lists, truthiness, the 80-unit cut)',
    probe: { op: 'caps.sanitize', input: { grant: { perceive: [], act: [] } } },
    arbitrary: () => messyGrant(),
    examples: [{ perceive: 'read-chat', act: ['send-chat'] }, { perceive: ['read-chat', 'read-chat', 'fly'], act: [], egress: 'no', backend: 'x'.repeat(81) }, null, []],
    predicate: (impl, grant) => sameAsModel(impl, 'caps.sanitize', { grant }, { grant: sanitize(grant) }, 'GRANT-05'),
  }),
  propertyCheck({
    id: 'prop.agents.intersect.never-widens',
    profile: 'agents',
    covers: ['GRANT-06'],
    description: 'An intersection never holds a capability the request or the allowed grant lacks, keeps the request\'s order, and never outlives either expiry',
    probe: { op: 'caps.intersect', input: { request: { perceive: [], act: [] }, allowed: { perceive: [], act: [] } } },
    arbitrary: () => fc.tuple(grantArb(), grantArb()),
    predicate: async (impl, [request, allowed]) => {
      const out = outputOf(await call(impl, 'caps.intersect', { request, allowed }), 'GRANT-06');
      if (isFailure(out)) return out;
      const got = out.grant as Grant;
      for (const side of ['perceive', 'act'] as const) {
        const wider = got[side].filter((c) => !request[side].includes(c) || !allowed[side].includes(c));
        if (wider.length) return { requirement: 'GRANT-06', message: `${side} widened by ${wider.join(', ')}`, expected: { request, allowed }, actual: got };
        if (!isSubsequence(got[side], request[side])) return { requirement: 'GRANT-06', message: `${side} not in the request's order`, actual: got };
      }
      for (const e of [request.expiresAt, allowed.expiresAt]) {
        if (typeof e === 'number' && e !== 0 && !(typeof got.expiresAt === 'number' && got.expiresAt <= e)) {
          return { requirement: 'GRANT-06', message: `expiresAt ${String(got.expiresAt)} outlives ${e}`, actual: got };
        }
      }
      return null;
    },
  }),
  propertyCheck({
    id: 'prop.agents.intersect.matches-model',
    profile: 'agents',
    covers: ['GRANT-06'],
    description: 'caps.intersect agrees with the model of GRANT-06',
    probe: { op: 'caps.intersect', input: { request: { perceive: [], act: [] }, allowed: { perceive: [], act: [] } } },
    arbitrary: () => fc.tuple(grantArb(), grantArb()),
    predicate: (impl, [request, allowed]) => sameAsModel(impl, 'caps.intersect', { request, allowed }, { grant: intersect(request, allowed) }, 'GRANT-06'),
  }),
  propertyCheck({
    id: 'prop.agents.effective.expiry',
    profile: 'agents',
    covers: ['GRANT-07'],
    description: 'A grant confers nothing from expiresAt on (inclusive), never before; 0 never expires',
    probe: { op: 'caps.effective', input: { grant: { perceive: [], act: [] }, now: NOW } },
    arbitrary: () => fc.tuple(grantArb(), fc.integer({ min: NOW - 120, max: NOW + 120 })),
    examples: [[{ perceive: ['read-chat'], act: [], expiresAt: NOW }, NOW], [{ perceive: ['read-chat'], act: [], expiresAt: NOW + 1 }, NOW]],
    predicate: (impl, [grant, now]) => sameAsModel(impl, 'caps.effective', { grant, now }, { grant: effective(grant, now) }, 'GRANT-07'),
  }),
  propertyCheck({
    id: 'prop.agents.grant-of.matches-model',
    profile: 'agents',
    covers: ['GRANT-04', 'GRANT-03'],
    description: 'caps.of gives every peer the grant of GRANT-04: itself everything, overrides with expiry, declared agents the default with their disclosures, others everything',
    probe: { op: 'caps.of', input: { self: 'me', roster: [{ id: 'me' }], now: NOW, peer: 'me' } },
    arbitrary: () => fc.tuple(viewArb(), fc.constantFrom(...IDS, 'stranger')),
    predicate: (impl, [v, peer]) => sameAsModel(impl, 'caps.of', { ...viewInput(v), peer }, { grant: grantOf(v, peer) }, 'GRANT-04'),
  }),
  propertyCheck({
    id: 'prop.agents.recipients.matches-model',
    profile: 'agents',
    covers: ['CAPS-10', 'CAPS-09', 'CAPS-11', 'CAPS-19', 'CAPS-17'],
    description: 'caps.recipients agrees with the model of CAPS-09 to CAPS-11 and CAPS-19: who receives each content kind, broadcast or directed, and when the one-broadcast fast path is taken',
    probe: { op: 'caps.recipients', input: { self: 'me', roster: [{ id: 'me' }], now: NOW, kind: 'chat' } },
    arbitrary: () => sendArb(),
    predicate: async (impl, s) => {
      const input: JsonObject = { ...viewInput(s.view), kind: s.kind, ...(TRANSFER_FRAMES.includes(s.kind) ? { transfer: s.transfer } : {}), ...(s.to !== undefined ? { to: s.to } : {}) };
      const want = recipientsOf(s.view, s.kind, s.transfer, s.to);
      const r = await call(impl, 'caps.recipients', input);
      if (want === null) {
        return 'ok' in r && !r.ok && r.error.code === 'caps.not-directed' ? null : { requirement: 'CAPS-11', message: `${s.kind} is never sent directed; expected caps.not-directed`, actual: r as unknown as JsonValue };
      }
      const got = outputOf(r, 'CAPS-10');
      if (isFailure(got)) return got;
      if (outputEqual(want, got)) return null;
      // Sending a directed frame outside the roster, as upstream does, misses only the SHOULD.
      const asUpstream = s.to !== undefined && outputEqual(recipientsOf(s.view, s.kind, s.transfer, s.to, true), got);
      const requirement = asUpstream ? 'CAPS-19' : s.to !== undefined ? 'CAPS-11' : !jsonEqual(want.recipients, got.recipients) ? 'CAPS-09' : 'CAPS-10';
      return { requirement, message: 'recipients differ from the model of chapter 13', expected: want, actual: got };
    },
  }),
  propertyCheck({
    id: 'prop.agents.recipients.read-only-agent-withheld',
    profile: 'agents',
    covers: ['CAPS-09', 'CAPS-11', 'CAPS-12'],
    description: 'A read-only agent never appears among the recipients of media, of files, or of chat it was not granted, broadcast or directed',
    probe: { op: 'caps.recipients', input: { self: 'me', roster: [{ id: 'me' }], now: NOW, kind: 'chat' } },
    arbitrary: () => readOnlyRoomArb(),
    // The default read-only agent, broadcast and directed, for each kind that needs what it lacks.
    examples: (['img', 'xbegin', 'chat'] as const).flatMap((kind) =>
      [false, true].map((direct) => ({ humans: 1, agents: [null, ['read-roster']] as (string[] | null)[], kind, transfer: 'file' as Transfer, direct })),
    ),
    predicate: async (impl, r) => {
      const roster: Member[] = [{ id: 'me' }];
      for (let i = 1; i <= r.humans; i++) roster.push({ id: `human-${i}` });
      const grants: Record<string, Grant> = {};
      r.agents.forEach((caps, i) => {
        roster.push({ id: `agent-${i}`, meta: { role: 'agent' } });
        if (caps) grants[`agent-${i}`] = { perceive: caps, act: [] };
      });
      const v: View = { self: 'me', roster, grants, now: NOW };
      const need = r.kind === 'img' ? 'read-media' : r.kind === 'xbegin' ? ({ text: 'read-chat', image: 'read-media', file: 'read-files' } as const)[r.transfer] : 'read-chat';
      const targets = r.direct && r.kind !== 'ink' && r.kind !== 'widget' ? roster.filter((m) => m.id.startsWith('agent-')).map((m) => m.id) : [undefined];
      for (const to of targets) {
        const input: JsonObject = { ...viewInput(v), kind: r.kind, ...(r.kind === 'xbegin' ? { transfer: r.transfer } : {}), ...(to !== undefined ? { to } : {}) };
        const out = outputOf(await call(impl, 'caps.recipients', input), 'CAPS-09');
        if (isFailure(out)) return out;
        for (const id of out.recipients as string[]) {
          const g = grantOf(v, id);
          // Directed chat, app and pay need receive-directed only (CAPS-11); everything else its kind's perceive.
          const needed = to !== undefined && (r.kind === 'chat' || r.kind === 'app' || r.kind === 'pay') ? 'receive-directed' : need;
          if (!g.perceive.includes(needed)) return { requirement: to ? 'CAPS-11' : 'CAPS-09', message: `${id} lacks ${needed} but receives ${r.kind}${r.kind === 'xbegin' ? ` (${r.transfer})` : ''}`, actual: out };
          if (to !== undefined && !g.perceive.includes('receive-directed')) return { requirement: 'CAPS-11', message: `${id} lacks receive-directed but receives a directed ${r.kind}`, actual: out };
        }
      }
      return null;
    },
  }),
  propertyCheck({
    id: 'prop.agents.accepts.matches-model',
    profile: 'agents',
    covers: ['CAPS-15', 'CAPS-16'],
    description: 'caps.accepts keeps exactly the frames of senders with send-chat (idtoken and caps exempt) and audits drops from declared agents',
    probe: { op: 'caps.accepts', input: { self: 'me', roster: [{ id: 'me' }], now: NOW, from: 'me', kind: 'chat' } },
    arbitrary: () => fc.tuple(viewArb(), fc.constantFrom(...IDS, 'stranger'), fc.constantFrom(...KINDS, 'xchunk', 'xend', 'blobdata')),
    predicate: (impl, [v, from, kind]) => sameAsModel(impl, 'caps.accepts', { ...viewInput(v), from, kind }, acceptsOf(v, from, kind), 'CAPS-15'),
  }),
  propertyCheck({
    id: 'prop.agents.lanes.matches-model',
    profile: 'agents',
    covers: ['CAPS-13'],
    description: 'caps.lanes sends the real microphone only with hear-audio and the real screen lanes only with see-screen, the camera always, and nothing when no placeholder exists',
    probe: { op: 'caps.lanes', input: { grant: { perceive: [], act: [] } } },
    arbitrary: () => fc.tuple(grantArb(), fc.option(fc.record({ audio: fc.boolean(), video: fc.boolean() }), { nil: undefined })),
    predicate: (impl, [grant, placeholders]) =>
      sameAsModel(impl, 'caps.lanes', { grant, ...(placeholders ? { placeholders } : {}) }, { lanes: lanesOf(grant, placeholders) }, 'CAPS-13'),
  }),
  propertyCheck({
    id: 'prop.agents.caps-receive.only-from-host',
    profile: 'agents',
    covers: ['CAPS-03'],
    description: 'A caps frame replaces the override map only from the roster host, in a room with a cryptographic host tier, at a peer that is not the coordinator',
    probe: { op: 'caps.receive', input: { host: '', cryptographicHost: false, coordinator: false, from: 'x', msg: null } },
    arbitrary: () =>
      fc.record({
        host: fc.constantFrom('', 'host', 'bea'),
        cryptographicHost: fc.boolean(),
        coordinator: fc.boolean(),
        from: fc.constantFrom('host', 'bea', 'ada', ''),
        grants: fc.dictionary(fc.constantFrom(...IDS), messyGrant(), { maxKeys: 3 }),
      }),
    predicate: async (impl, c) => {
      const msg: JsonObject = { k: 'caps', grants: c.grants as JsonObject };
      const want = capsApplied(c, c.from, msg);
      return sameAsModel(impl, 'caps.receive', { host: c.host, cryptographicHost: c.cryptographicHost, coordinator: c.coordinator, from: c.from, msg }, want ? { applied: true, grants: want as unknown as JsonObject } : { applied: false }, 'CAPS-03');
    },
  }),
  propertyCheck({
    id: 'prop.agents.assertion.freshness-window',
    profile: 'agents',
    covers: ['AGT-11', 'AGT-06'],
    description: 'An assertion signed by the harness is accepted exactly when now - 300 <= iat <= now + 60',
    probe: { op: 'agent.assertion.verify', input: { assertion: '', room: ROOM, now: NOW } },
    arbitrary: () => fc.integer({ min: -420, max: 120 }),
    examples: [-301, -300, 60, 61],
    runsFactor: 0.5,
    predicate: async (impl, d) => {
      const fp = 'ab:cd:ef';
      const assertion = AGENT.signJson(assertionJson(ROOM, fp, NOW + d));
      const r = await call(impl, 'agent.assertion.verify', { assertion, allowed: allowList(), room: ROOM, remoteFp: fp, now: NOW });
      const fresh = d >= -300 && d <= 60;
      const accepted = 'ok' in r && r.ok;
      if (fresh === accepted) {
        if (!accepted && 'ok' in r && !r.ok && r.error.code !== (d > 60 ? 'agent.future' : 'agent.stale')) {
          return { requirement: 'AGT-06', message: `iat ${d} s from now: expected ${d > 60 ? 'agent.future' : 'agent.stale'}, got ${r.error.code}` };
        }
        return null;
      }
      return { requirement: 'AGT-11', message: `iat ${d} s from now was ${accepted ? 'accepted' : 'rejected'}` };
    },
  }),
  propertyCheck({
    id: 'prop.agents.assertion.cert-binding',
    profile: 'agents',
    covers: ['AGT-06', 'AGT-05'],
    description: 'An assertion binds to its certificate: accepted on a connection presenting that fingerprint (any case, padded), rejected as not-cert-bound on any other',
    probe: { op: 'agent.assertion.verify', input: { assertion: '', room: ROOM, now: NOW } },
    arbitrary: () => fc.tuple(fpArb(), fpArb(), fc.boolean()),
    runsFactor: 0.5,
    predicate: async (impl, [signed, other, upper]) => {
      const assertion = AGENT.signJson(assertionJson(ROOM, signed, NOW));
      const same = await call(impl, 'agent.assertion.verify', { assertion, allowed: allowList(), room: ROOM, remoteFp: upper ? ` ${signed.toUpperCase()} ` : signed, now: NOW });
      if (!('ok' in same && same.ok)) return { requirement: 'AGT-06', message: 'rejected on the connection whose certificate it names', actual: same as unknown as JsonValue };
      if (canonicalFp(other) === canonicalFp(signed)) return null;
      const foreign = await call(impl, 'agent.assertion.verify', { assertion, allowed: allowList(), room: ROOM, remoteFp: other, now: NOW });
      if ('ok' in foreign && !foreign.ok && foreign.error.code === 'agent.not-cert-bound') return null;
      return { requirement: 'AGT-06', message: 'an assertion for one certificate was not refused as not-cert-bound on another connection', actual: foreign as unknown as JsonValue };
    },
  }),
  propertyCheck({
    id: 'prop.agents.assertion.sign-verifies',
    profile: 'agents',
    covers: ['AGT-01', 'TOK-02', 'TOK-03'],
    description: 'agent.assertion.sign produces a token the harness\'s own verifier accepts, with exactly {k, room, fp (canonical), iat} in that order',
    probe: { op: 'agent.assertion.sign', input: { room: ROOM, fp: 'ab', iat: NOW } },
    arbitrary: () => fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,40}$/), fpArb(), fc.integer({ min: 0, max: 4_102_444_800 }), fc.boolean()),
    runsFactor: 0.5,
    predicate: async (impl, [room, fp, iat, messy]) => {
      const out = outputOf(await call(impl, 'agent.assertion.sign', { privateJwk: AGENT.privateJwk as unknown as JsonObject, room, fp: messy ? `\t${fp.toUpperCase()} ` : fp, iat }), 'AGT-01');
      if (isFailure(out)) return out;
      const v = verifyToken(String(out.token), AGENT.publicJwk);
      if (!v.ok) return { requirement: v.step === 'signature-form' ? 'TOK-03' : 'TOK-02', message: `the token does not verify: ${v.message}` };
      const want = { k: KIND, room, fp: canonicalFp(fp), iat };
      if (!jsonEqual(want, v.payload) || Object.keys(v.payload).join(',') !== 'k,room,fp,iat') {
        return { requirement: 'AGT-01', message: 'payload members, values or order differ', expected: want, actual: v.payload };
      }
      return null;
    },
  }),
  propertyCheck({
    id: 'prop.agents.assertion.tamper',
    profile: 'agents',
    covers: ['AGT-07', 'TOK-06'],
    description: 'Changing any one character of a valid assertion never yields an accepted assertion',
    probe: { op: 'agent.assertion.verify', input: { assertion: '', room: ROOM, now: NOW } },
    arbitrary: () => fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.')),
    runsFactor: 0.5,
    predicate: async (impl, [pos, ch]) => {
      const fp = 'ab:cd';
      const good = AGENT.signJsonDeterministic(assertionJson(ROOM, fp, NOW));
      const i = pos % good.length;
      if (good[i] === ch) return null;
      const bad = good.slice(0, i) + ch + good.slice(i + 1);
      const r = await call(impl, 'agent.assertion.verify', { assertion: bad, allowed: allowList(), room: ROOM, remoteFp: fp, now: NOW });
      return 'ok' in r && r.ok ? { requirement: 'AGT-07', message: `a tampered assertion was accepted (position ${i})`, actual: bad } : null;
    },
  }),
  propertyCheck({
    id: 'prop.agents.thumbprint.matches-model',
    profile: 'agents',
    covers: ['AGT-10'],
    description: 'agent.thumbprint is B64U(SHA-256) of {crv, kty, x, y} in that order, whatever other members the JWK carries',
    probe: { op: 'agent.thumbprint', input: { jwk: AGENT_PUB } },
    arbitrary: () => fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.boolean()),
    runsFactor: 0.3,
    predicate: async (impl, [label, extra]) => {
      const pub = new TestKey(`thumbprint ${label}`).publicJwk;
      const want = b64u(sha256(utf8(JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y }))));
      const jwk: JsonObject = extra ? { y: pub.y, ext: true, key_ops: ['verify'], x: pub.x, kid: label, crv: pub.crv, kty: pub.kty } : { ...pub };
      return sameAsModel(impl, 'agent.thumbprint', { jwk }, { thumbprint: want }, 'AGT-10');
    },
  }),
];
