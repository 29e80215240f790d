// Vectors for agent key assertions, their thumbprint and re-signing clock, and credit credentials
// (spec/13-agents.md 13.2, 13.3). Every token is built here with RFC 6979 (ECDSA) or PKCS#1 v1.5
// (RSA), both deterministic, so the file reproduces exactly.
import type { JsonObject } from '../../reference/encoding/json.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { bodyOf, tokenFor, tokenHighS, tokenSignedOverJson, tokenWithDer } from './craft.ts';
import { hs256WithPublicPem, rs256, seg } from './jwt.ts';
import { certDer, ecKey, publicRsaJwk, rsaKeys, rsaWeakKeys, type Case, type FileSpec } from './lib.ts';

const agent = ecKey('agent');
const other = ecKey('agent-2');
const stranger = ecKey('stranger');
const ROOM = 'standup';
const NOW = 1_700_000_000;
const ALICE_FP = fingerprintOfBytes(certDer('alice'));
const BOB_FP = fingerprintOfBytes(certDer('bob'));
const KIND = 'kbz-agent-key.v1';

// ---- assertions ---------------------------------------------------------------------------------

function payloadJson(over: Record<string, unknown> = {}, drop: string[] = []): string {
  const p: Record<string, unknown> = { k: KIND, room: ROOM, fp: ALICE_FP, iat: NOW, ...over };
  for (const d of drop) delete p[d];
  return JSON.stringify(p);
}
const assertion = (over: Record<string, unknown> = {}, drop: string[] = [], signer = agent.secret) => tokenFor(signer, bodyOf(payloadJson(over, drop)));

const READ_ONLY = { perceive: ['read-chat', 'read-roster', 'receive-directed'], act: [] };
const entry = (key: unknown, extra: JsonObject = {}): JsonObject => ({ key: key as never, ...extra });
const ALLOWED = [entry(agent.pub, { label: 'notes-bot' })];

type VerifyOpts = { allowed?: unknown; remoteFp?: string | null; omitRemoteFp?: boolean; now?: number; room?: string; error?: string; flags?: string[]; comment?: string };
const verify = (name: string, description: string, token: unknown, covers: string[], o: VerifyOpts = {}): Case => {
  const input: JsonObject = { assertion: token as never, allowed: (o.allowed === undefined ? ALLOWED : o.allowed) as never, room: o.room ?? ROOM, now: o.now ?? NOW };
  if (o.allowed === null) delete input.allowed;
  if (token === undefined) delete input.assertion;
  if (!o.omitRemoteFp) input.remoteFp = o.remoteFp === undefined ? ALICE_FP : o.remoteFp;
  return { name, description, op: 'agent.assertion.verify', input, covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}) };
};

const sign = (name: string, description: string, over: JsonObject, covers: string[], flags: string[] = [], error?: string): Case => ({
  name, description, op: 'agent.assertion.sign', covers, flags, ...(error ? { error } : {}),
  input: { privateJwk: agent.priv as never, room: ROOM, fp: ALICE_FP, iat: NOW, ...over },
});

const thumb = (name: string, description: string, jwk: unknown, covers: string[], flags: string[] = [], error?: string): Case => ({
  name, description, op: 'agent.thumbprint', covers, flags, ...(error ? { error } : {}), input: { jwk: jwk as never },
});

// ---- presenter ------------------------------------------------------------------------------------

const T0 = NOW * 1000;
const ev = (at: number, event: JsonObject) => ({ at, event });
const presenter = (name: string, description: string, config: JsonObject, steps: JsonObject[], covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'agent.presenter.scenario', covers, flags, input: { config, start: T0, steps: steps as never },
});

// ---- credits ---------------------------------------------------------------------------------------

const ISSUER = rsaKeys['provider-1']!;
const ISSUER_2 = rsaKeys['provider-2']!;
const ROGUE = rsaKeys['rogue']!;
const WEAK = rsaWeakKeys['provider-1024']!;
const JWKS = { keys: [publicRsaJwk(ISSUER), publicRsaJwk(ISSUER_2)] };
const ISS = 'https://credits.example.com';
const HEADER: JsonObject = { alg: 'RS256', typ: 'JWT', kid: ISSUER.kid! };
const CLAIMS: JsonObject = { iss: ISS, sub: 'kibitzer', room: ROOM, iat: NOW - 5, nbf: NOW - 5, exp: NOW + 60, k: 'wbz-credit.v1' };

type CreditOpts = { header?: JsonObject; claims?: JsonObject; drop?: string[]; dropHeader?: string[]; jwt?: unknown; input?: JsonObject; flags?: string[]; error?: string; signer?: JsonObject };
function creditToken(o: CreditOpts): string {
  const header: JsonObject = { ...HEADER, ...(o.header ?? {}) };
  for (const d of o.dropHeader ?? []) delete header[d];
  const claims: JsonObject = { ...CLAIMS, ...(o.claims ?? {}) };
  for (const d of o.drop ?? []) delete claims[d];
  return rs256(o.signer ?? ISSUER, header, claims);
}
const credit = (name: string, description: string, covers: string[], o: CreditOpts = {}): Case => ({
  name, description, op: 'credit.verify', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { jwt: (o.jwt === undefined ? creditToken(o) : o.jwt) as never, jwks: JWKS, issuer: ISS, room: ROOM, now: NOW, ...(o.input ?? {}) },
});

/** A string of exactly `n` characters that is not a JWS (no dots). */
const garbage = (n: number): string => 'A'.repeat(n);

export const agentsVectors: FileSpec = {
  file: 'agents',
  title: 'Agent key assertions (thumbprint, signing, verification over an allow-list, re-signing) and credit credentials',
  profile: 'agents',
  chapters: ['spec/13-agents.md', 'spec/03-signed-token.md', 'spec/05-cert-binding.md'],
  notes: {
    'golden': { bugType: 'BASIC', description: 'The ordinary case, end to end.' },
    'thumbprint-members': { bugType: 'ENCODING', description: 'Only crv, kty, x, y, in that order, enter the RFC 7638 thumbprint; other JWK members and their order never change it.' },
    'boundary': { bugType: 'BOUNDARY', description: 'Exactly at, or one second past, a freshness or leeway bound (bounds inclusive where the spec says so).' },
    'cert-binding': { bugType: 'AUTH_BYPASS', description: 'An assertion presented on a connection whose certificate it does not name, or a check that skipped the binding.' },
    'fail-closed': { bugType: 'MISSING_STEP', description: 'An unreadable certificate, an empty allow-list or a missing credential must reject, never skip the check.' },
    'not-allow-listed': { bugType: 'AUTH_BYPASS', description: 'Signed by a key that is not on the allow-list.' },
    'bad-entry-skipped': { bugType: 'EDGE_CASE', description: 'A malformed allow-list entry is skipped; it neither admits nor sinks the check.' },
    'no-fall-through': { bugType: 'AUTH_BYPASS', description: 'The right key with a wrong claim is a rejection with that claim\'s code, not a reason to try the next key.' },
    'cross-kind': { bugType: 'AUTH_BYPASS', description: 'A correctly signed payload of another kind (or none).' },
    'peer-id-as-room': { bugType: 'ENCODING', description: 'The kbz-v1- peer id used where the room id is required.' },
    'check-order': { bugType: 'WRONG_ORDER', description: 'Several checks fail; the first failing step must be reported.' },
    'canonical-fp': { bugType: 'ENCODING', description: 'Fingerprints differ only by case or surrounding whitespace and must match after canonicalisation.' },
    'caps-from-entry': { bugType: 'EDGE_CASE', description: 'The matched entry\'s caps are returned sanitized, and only when present and truthy.' },
    'high-s': { bugType: 'MALLEABILITY', description: 'High-S variant of a valid signature.' },
    'signed-json-bytes': { bugType: 'WRONG_PRIMITIVE', description: 'Signature over the JSON bytes instead of the body text.' },
    'der-signature': { bugType: 'ENCODING', description: 'DER signature instead of r||s.' },
    'resign-clock': { bugType: 'BOUNDARY', description: 'The agent re-signs every 240 s, never later, and never signs without a room and a certificate.' },
    'alg-confusion': { bugType: 'ALG_CONFUSION', description: 'A credential whose header names another algorithm than RS256.' },
    'leeway': { bugType: 'BOUNDARY', description: 'The 60 s credit leeway at exp, nbf and iat, and a caller-set leeway.' },
    'room-scope': { bugType: 'REPLAY', description: 'A credit minted for another room, or for no room, replayed into a credit-gated room.' },
    'issuer-keys': { bugType: 'AUTH_BYPASS', description: 'Key selection: unknown kid, a key outside the JWKS, a weak key.' },
    'oversize': { bugType: 'BOUNDARY', description: 'The 8192-character credential cap.' },
  },
  groups: [
    {
      name: 'thumbprint',
      description: 'agent.thumbprint: B64U(SHA-256(JSON {crv, kty, x, y})) [AGT-10]',
      cases: [
        thumb('agent-key', 'The thumbprint of the vector agent key', agent.pub, ['AGT-10'], ['golden']),
        thumb('second-key', 'Another key has another thumbprint', other.pub, ['AGT-10'], ['golden']),
        thumb('extra-members', 'ext, key_ops, kid, alg and use do not enter the thumbprint', { ...agent.pub, ext: true, key_ops: ['verify'], kid: 'notes-bot', alg: 'ES256', use: 'sig' }, ['AGT-10'], ['thumbprint-members']),
        thumb('member-order', 'Members given in another order give the same thumbprint', { y: agent.pub.y, x: agent.pub.x, kty: 'EC', crv: 'P-256' }, ['AGT-10'], ['thumbprint-members']),
        thumb('private-jwk', 'A private JWK has the thumbprint of its public part (d never enters)', agent.priv, ['AGT-10'], ['thumbprint-members']),
        thumb('rsa-key', 'An RSA key is not an agent key', publicRsaJwk(ISSUER), ['AGT-10', 'TOK-05'], [], 'key.bad-jwk'),
        thumb('missing-y', 'A key without y', { kty: 'EC', crv: 'P-256', x: agent.pub.x }, ['AGT-10', 'TOK-05'], [], 'key.bad-jwk'),
        thumb('off-curve', 'A point that is not on P-256', { ...agent.pub, y: other.pub.y }, ['AGT-10', 'TOK-05'], [], 'key.bad-jwk'),
        thumb('not-object', 'A string is not a key', 'eyJrdHkiOiJFQyJ9', ['AGT-10'], [], 'key.bad-jwk'),
        thumb('p384', 'A P-384 key is refused', { ...agent.pub, crv: 'P-384' }, ['AGT-10', 'TOK-05'], [], 'key.bad-jwk'),
      ],
    },
    {
      name: 'sign',
      description: 'agent.assertion.sign: payload members, order and values [AGT-01], refusals in the order of [AGT-02]',
      cases: [
        sign('basic', 'An assertion for the room, the agent\'s own fingerprint and now', {}, ['AGT-01', 'TOK-01', 'TOK-02', 'TOK-03'], ['golden']),
        sign('canonical-fp', 'The fingerprint is written canonicalised', { fp: `  ${ALICE_FP.toUpperCase()}\n` }, ['AGT-01', 'CONV-11'], ['canonical-fp']),
        sign('iat-zero', 'iat 0 is written as 0', { iat: 0 }, ['AGT-01', 'CONV-02']),
        sign('iat-large', 'A large integer iat is written exactly', { iat: 4_102_444_800 }, ['AGT-01', 'CONV-02']),
        sign('bob-fp', 'Bob\'s certificate gives Bob\'s fingerprint in the payload', { fp: BOB_FP }, ['AGT-01', 'AGT-03']),
        sign('key-not-object', 'A key that is not a JSON object fails step 1', { privateJwk: 'AAAA' }, ['AGT-02', 'TOK-11'], ['check-order'], 'key.bad-jwk'),
        sign('public-key-only', 'A public JWK (no d) cannot sign', { privateJwk: agent.pub as never }, ['AGT-02', 'TOK-11'], [], 'key.bad-jwk'),
        sign('mismatched-d', 'A private JWK whose d belongs to another key', { privateJwk: { ...agent.priv, d: other.priv.d } as never }, ['AGT-02', 'TOK-11'], [], 'key.bad-jwk'),
        sign('empty-room', 'No room id: nothing to bind the assertion to', { room: '' }, ['AGT-02'], ['fail-closed'], 'agent.no-room'),
        sign('empty-fp', 'No certificate fingerprint', { fp: '' }, ['AGT-02', 'AGT-03'], ['fail-closed'], 'agent.no-fp'),
        sign('whitespace-fp', 'A fingerprint of only whitespace is empty after canonicalisation', { fp: ' \t\n' }, ['AGT-02', 'AGT-03'], ['fail-closed'], 'agent.no-fp'),
        sign('order-key-before-room', 'A bad key and an empty room: the key is checked first', { privateJwk: agent.pub as never, room: '' }, ['AGT-02'], ['check-order'], 'key.bad-jwk'),
        sign('order-room-before-fp', 'An empty room and an empty fingerprint: the room is checked first', { room: '', fp: '' }, ['AGT-02'], ['check-order'], 'agent.no-room'),
        sign('fractional-iat', 'A fractional iat is refused as a shape error: iat is whole seconds', { iat: NOW + 0.5 }, ['AGT-01', 'ADP-08'], [], 'input.invalid'),
      ],
    },
    {
      name: 'verify-valid',
      description: 'agent.assertion.verify: assertions a coordinator must accept [AGT-06], [AGT-08], [AGT-11]',
      cases: [
        verify('basic', 'A fresh assertion by an allow-listed key, bound to this connection', assertion(), ['AGT-06', 'AGT-08'], { flags: ['golden'] }),
        verify('future-60s', 'iat exactly 60 s ahead is accepted', assertion({ iat: NOW + 60 }), ['AGT-11', 'AGT-06'], { flags: ['boundary'] }),
        verify('past-300s', 'iat exactly 300 s old is accepted', assertion({ iat: NOW - 300 }), ['AGT-11', 'AGT-06'], { flags: ['boundary'] }),
        verify('past-240s', 'An assertion re-signed on the 240 s clock is still fresh', assertion({ iat: NOW - 240 }), ['AGT-04', 'AGT-06'], { flags: ['boundary'] }),
        verify('remote-fp-uppercase', 'The live fingerprint in upper case still binds', assertion(), ['AGT-06', 'CONV-11'], { remoteFp: ALICE_FP.toUpperCase(), flags: ['canonical-fp'] }),
        verify('payload-fp-padded', 'A payload fp with whitespace and capitals binds after canonicalisation', assertion({ fp: ` ${ALICE_FP.toUpperCase()} ` }), ['AGT-06', 'CONV-11'], { flags: ['canonical-fp'] }),
        verify('second-of-three', 'The signing key is the second of three allow-listed keys', assertion(), ['AGT-07'], { allowed: [entry(other.pub), entry(agent.pub, { label: 'notes-bot' }), entry(stranger.pub)] }),
        verify('bad-jwk-skipped', 'A malformed key before the good one is skipped', assertion(), ['AGT-09', 'AGT-07'], { allowed: [entry({ kty: 'EC', crv: 'P-256', x: 'AAAA' }), entry(agent.pub)], flags: ['bad-entry-skipped'] }),
        verify('non-object-entry-skipped', 'Entries that are not objects (null, a string, a bare JWK string) are skipped', assertion(), ['AGT-09'], { allowed: [null, 'x', 7, entry(agent.pub)], flags: ['bad-entry-skipped'] }),
        verify('entry-without-key-skipped', 'An entry without a key is skipped', assertion(), ['AGT-09'], { allowed: [{ caps: { perceive: ['see-screen'], act: ['act'] } }, entry(agent.pub)], flags: ['bad-entry-skipped'] }),
        verify('jwk-extra-members', 'The allow-listed key carries browser members (ext, key_ops)', assertion(), ['AGT-06', 'TOK-05'], { allowed: [entry({ ...agent.pub, ext: true, key_ops: ['verify'] })] }),
        verify('caps-returned', 'The matched entry\'s caps come back sanitized', assertion(), ['AGT-08', 'GRANT-05'], { allowed: [entry(agent.pub, { caps: { perceive: ['read-chat', 'see-screen', 'fly', 'read-chat'], act: ['send-chat', 'speak'], backend: 'llm', egress: true } })], flags: ['caps-from-entry'] }),
        verify('caps-default-absent', 'An entry without caps returns no caps (the peer then applies the agent default)', assertion(), ['AGT-08'], { allowed: [entry(agent.pub)], flags: ['caps-from-entry'] }),
        verify('caps-null', 'caps null is not caps', assertion(), ['AGT-08'], { allowed: [entry(agent.pub, { caps: null })], flags: ['caps-from-entry'] }),
        verify('caps-zero', 'caps 0 is falsy: no caps', assertion(), ['AGT-08'], { allowed: [entry(agent.pub, { caps: 0 })], flags: ['caps-from-entry'] }),
        verify('caps-empty-string', 'caps "" is falsy: no caps', assertion(), ['AGT-08'], { allowed: [entry(agent.pub, { caps: '' })], flags: ['caps-from-entry'] }),
        verify('caps-empty-object', 'caps {} is truthy: the empty grant', assertion(), ['AGT-08', 'GRANT-05'], { allowed: [entry(agent.pub, { caps: {} })], flags: ['caps-from-entry'] }),
        verify('caps-string', 'caps that is a non-empty string sanitizes to the empty grant', assertion(), ['AGT-08', 'GRANT-05'], { allowed: [entry(agent.pub, { caps: 'all' })], flags: ['caps-from-entry'] }),
        verify('caps-read-only', 'An entry granting the agent default explicitly', assertion(), ['AGT-08'], { allowed: [entry(agent.pub, { caps: READ_ONLY })], flags: ['caps-from-entry'] }),
        verify('first-matching-entry', 'The same key listed twice: the first entry\'s caps and label count', assertion(), ['AGT-07', 'AGT-08'], { allowed: [entry(agent.pub, { caps: READ_ONLY, label: 'first' }), entry(agent.pub, { caps: { perceive: ['see-screen'], act: ['act'] }, label: 'second' })] }),
        verify('label-not-string', 'A label that is not a string is not returned', assertion(), ['AGT-08'], { allowed: [entry(agent.pub, { label: 42 })] }),
        verify('extra-members-ignored', 'Payload members the verifier does not know are ignored', assertion({ jti: 'x', future: { a: 1 } }), ['AGT-06']),
        verify('other-member-order', 'Member order does not matter to a verifier', tokenFor(agent.secret, bodyOf(JSON.stringify({ iat: NOW, fp: ALICE_FP, room: ROOM, k: KIND }))), ['AGT-06', 'CONV-12']),
        verify('fractional-iat', 'A fractional iat is compared numerically', assertion({ iat: NOW - 0.5 }), ['AGT-06', 'CONV-03']),
        verify('high-s', 'A high-S signature is accepted', tokenHighS(agent.secret, bodyOf(payloadJson())), ['TOK-08', 'AGT-06'], { flags: ['high-s'] }),
      ],
    },
    {
      name: 'verify-reject',
      description: 'agent.assertion.verify: one vector per step of [AGT-06], and the order of the steps',
      cases: [
        verify('empty-assertion', 'An empty assertion', '', ['AGT-06'], { error: 'agent.missing', flags: ['fail-closed'] }),
        verify('absent-assertion', 'No assertion at all', undefined, ['AGT-06'], { error: 'agent.missing', flags: ['fail-closed'] }),
        verify('number-assertion', 'An assertion that is a number', 12345, ['AGT-06'], { error: 'agent.missing' }),
        verify('no-remote-fp', 'The connection\'s certificate is unreadable (null)', assertion(), ['AGT-06', 'AGT-05'], { remoteFp: null, error: 'agent.no-remote-fp', flags: ['fail-closed'] }),
        verify('absent-remote-fp', 'No remote fingerprint given', assertion(), ['AGT-06'], { omitRemoteFp: true, error: 'agent.no-remote-fp', flags: ['fail-closed'] }),
        verify('whitespace-remote-fp', 'A remote fingerprint of only whitespace is unreadable (upstream would hash it)', assertion(), ['AGT-06'], { remoteFp: '  ', error: 'agent.no-remote-fp', flags: ['fail-closed'] }),
        verify('empty-allow-list', 'An empty allow-list admits nobody', assertion(), ['AGT-06'], { allowed: [], error: 'agent.no-allowed-keys', flags: ['fail-closed'] }),
        verify('absent-allow-list', 'No allow-list admits nobody', assertion(), ['AGT-06'], { allowed: null, error: 'agent.no-allowed-keys', flags: ['fail-closed'] }),
        verify('allow-list-object', 'An allow-list that is not an array admits nobody', assertion(), ['AGT-06'], { allowed: { key: agent.pub }, error: 'agent.no-allowed-keys', flags: ['fail-closed'] }),
        verify('not-allow-listed', 'Signed by a key that is not on the allow-list', assertion({}, [], stranger.secret), ['AGT-06', 'AGT-07'], { error: 'agent.not-allowed', flags: ['not-allow-listed'] }),
        verify('only-bad-entries', 'Every entry is malformed', assertion(), ['AGT-09', 'AGT-06'], { allowed: [null, entry({ kty: 'RSA' }), entry('AAAA')], error: 'agent.not-allowed', flags: ['bad-entry-skipped'] }),
        verify('tampered-signature', 'One character of the signature changed', (() => { const t = assertion(); return t.slice(0, -2) + (t.endsWith('AA') ? 'BB' : 'AA'); })(), ['AGT-07', 'TOK-06'], { error: 'agent.not-allowed' }),
        verify('tampered-body', 'The body re-encoded with another room under the old signature', `${bodyOf(payloadJson({ room: 'other' }))}.${assertion().split('.')[1]}`, ['AGT-07', 'TOK-09'], { error: 'agent.not-allowed' }),
        verify('no-dot', 'Not a compact token', 'eyJrIjoia2J6LWFnZW50LWtleS52MSJ9', ['AGT-07', 'TOK-06'], { error: 'agent.not-allowed' }),
        verify('der-signature', 'A DER signature never verifies', tokenWithDer(agent.secret, bodyOf(payloadJson())), ['AGT-07', 'TOK-03'], { error: 'agent.not-allowed', flags: ['der-signature'] }),
        verify('signed-json-bytes', 'A signature over the JSON bytes never verifies', tokenSignedOverJson(agent.secret, payloadJson()), ['AGT-07', 'TOK-02'], { error: 'agent.not-allowed', flags: ['signed-json-bytes'] }),
        verify('body-not-json', 'The allow-listed key signed a body that is not JSON: not this key\'s assertion', tokenFor(agent.secret, bodyOf('not json')), ['AGT-07', 'TOK-06'], { error: 'agent.not-allowed' }),
        verify('body-array', 'The allow-listed key signed a JSON array: not an assertion', tokenFor(agent.secret, bodyOf('[1,2]')), ['AGT-07', 'TOK-06'], { error: 'agent.not-allowed' }),
        verify('wrong-kind-host-cmd', 'A host command signed by the agent key is not an assertion', assertion({ k: 'kbz-host-cmd.v1', op: 'lock' }), ['AGT-06', 'TOK-10'], { error: 'agent.wrong-kind', flags: ['cross-kind'] }),
        verify('no-kind', 'A payload without k', assertion({}, ['k']), ['AGT-06', 'TOK-10'], { error: 'agent.wrong-kind', flags: ['cross-kind'] }),
        verify('kind-case', 'The kind tag in another case', assertion({ k: 'KBZ-AGENT-KEY.V1' }), ['AGT-06'], { error: 'agent.wrong-kind', flags: ['cross-kind'] }),
        verify('wrong-room', 'An assertion for another room', assertion({ room: 'retro' }), ['AGT-06'], { error: 'agent.wrong-room' }),
        verify('room-is-peer-id', 'The authority peer id instead of the room id', assertion({ room: `kbz-v1-${ROOM}` }), ['AGT-06', 'ROOM-05'], { error: 'agent.wrong-room', flags: ['peer-id-as-room'] }),
        verify('room-case', 'The room id must match exactly', assertion({ room: 'Standup' }), ['AGT-06'], { error: 'agent.wrong-room' }),
        verify('fp-of-another-connection', 'An assertion bound to Bob\'s certificate, presented on Alice\'s connection', assertion({ fp: BOB_FP }), ['AGT-06', 'AGT-05'], { error: 'agent.not-cert-bound', flags: ['cert-binding'] }),
        verify('fp-missing', 'A payload without fp binds to nothing', assertion({}, ['fp']), ['AGT-06'], { error: 'agent.not-cert-bound', flags: ['cert-binding'] }),
        verify('fp-number', 'A payload fp that is not a string', assertion({ fp: 42 }), ['AGT-06'], { error: 'agent.not-cert-bound', flags: ['cert-binding'] }),
        verify('fp-truncated', 'A fingerprint prefix does not bind', assertion({ fp: ALICE_FP.slice(0, 47) }), ['AGT-06'], { error: 'agent.not-cert-bound', flags: ['cert-binding'] }),
        verify('no-iat', 'A payload without iat', assertion({}, ['iat']), ['AGT-06'], { error: 'agent.no-iat' }),
        verify('iat-string', 'An iat that is a numeric string', assertion({ iat: String(NOW) }), ['AGT-06', 'CONV-03'], { error: 'agent.no-iat' }),
        verify('future-61s', 'iat 61 s ahead is from the future', assertion({ iat: NOW + 61 }), ['AGT-11', 'AGT-06'], { error: 'agent.future', flags: ['boundary'] }),
        verify('future-far', 'iat an hour ahead', assertion({ iat: NOW + 3600 }), ['AGT-06'], { error: 'agent.future' }),
        verify('stale-301s', 'iat 301 s old is stale', assertion({ iat: NOW - 301 }), ['AGT-11', 'AGT-06'], { error: 'agent.stale', flags: ['boundary'] }),
        verify('stale-far', 'iat 10000 s old', assertion({ iat: NOW - 10_000 }), ['AGT-06'], { error: 'agent.stale' }),
        verify('order-missing-before-fp', 'No assertion and no fingerprint: the assertion is checked first', '', ['AGT-06'], { remoteFp: null, error: 'agent.missing', flags: ['check-order'] }),
        verify('order-fp-before-allow-list', 'No fingerprint and an empty allow-list: the fingerprint is checked first', assertion(), ['AGT-06'], { remoteFp: null, allowed: [], error: 'agent.no-remote-fp', flags: ['check-order'] }),
        verify('order-allow-list-before-signature', 'An empty allow-list and a stranger\'s signature', assertion({}, [], stranger.secret), ['AGT-06'], { allowed: [], error: 'agent.no-allowed-keys', flags: ['check-order'] }),
        verify('order-signature-before-kind', 'A stranger\'s host command: the signature fails before the kind', assertion({ k: 'kbz-host-cmd.v1' }, [], stranger.secret), ['AGT-06', 'TOK-09'], { error: 'agent.not-allowed', flags: ['check-order'] }),
        verify('order-kind-before-room', 'Wrong kind and wrong room', assertion({ k: 'x', room: 'retro' }), ['AGT-06'], { error: 'agent.wrong-kind', flags: ['check-order'] }),
        verify('order-room-before-fp', 'Wrong room and wrong certificate', assertion({ room: 'retro', fp: BOB_FP }), ['AGT-06'], { error: 'agent.wrong-room', flags: ['check-order'] }),
        verify('order-fp-before-iat', 'Wrong certificate and no iat', assertion({ fp: BOB_FP }, ['iat']), ['AGT-06'], { error: 'agent.not-cert-bound', flags: ['check-order'] }),
        verify('order-fp-before-future', 'A future iat and a wrong certificate: the binding fails first', assertion({ iat: NOW + 600, fp: BOB_FP }), ['AGT-06'], { error: 'agent.not-cert-bound', flags: ['check-order'] }),
        verify('no-fall-through-wrong-room', 'The first key verifies but the room is wrong; a later entry is not tried', assertion({ room: 'retro' }), ['AGT-07'], { allowed: [entry(agent.pub), entry(other.pub), entry(agent.pub)], error: 'agent.wrong-room', flags: ['no-fall-through'] }),
        verify('no-fall-through-stale', 'The key verifies but the assertion is stale; the verdict is stale, not not-allowed', assertion({ iat: NOW - 400 }), ['AGT-07'], { allowed: [entry(agent.pub), entry(stranger.pub)], error: 'agent.stale', flags: ['no-fall-through'] }),
      ],
    },
    {
      name: 'presenter',
      description: 'agent.presenter.scenario: sign at once, then every 240 s; never without a room and a certificate [AGT-04], [AGT-12]',
      cases: [
        presenter('sign-on-key', 'Adopting the key signs at once, iat the current second', { room: ROOM, fp: ALICE_FP }, [ev(T0 + 1500, { type: 'key' })], ['AGT-04', 'AGT-12', 'AGT-01'], ['golden']),
        presenter('resign-every-240s', 'Re-signs 240 s after each signing, not before', { room: ROOM, fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 239_999, { type: 'tick' }), ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 300_000, { type: 'tick' }), ev(T0 + 479_999, { type: 'tick' }), ev(T0 + 480_000, { type: 'tick' }),
        ], ['AGT-04', 'AGT-12'], ['resign-clock']),
        presenter('late-tick', 'A late tick signs once and the clock restarts from it', { room: ROOM, fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 500_000, { type: 'tick' }), ev(T0 + 739_999, { type: 'tick' }), ev(T0 + 740_000, { type: 'tick' }),
        ], ['AGT-04', 'AGT-12'], ['resign-clock']),
        presenter('wait-for-room', 'Without a room nothing is signed; once known, the next due tick signs', { fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 1000, { type: 'room', room: ROOM }), ev(T0 + 2000, { type: 'tick' }), ev(T0 + 240_000, { type: 'tick' }),
        ], ['AGT-04', 'AGT-02', 'AGT-12'], ['resign-clock']),
        presenter('wait-for-fp', 'Without a certificate nothing is signed (never with another certificate)', { room: ROOM }, [
          ev(T0, { type: 'key' }), ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 250_000, { type: 'fp', fp: BOB_FP }), ev(T0 + 480_000, { type: 'tick' }),
        ], ['AGT-03', 'AGT-04', 'AGT-12'], ['resign-clock']),
        presenter('canonical-fp', 'The payload carries the fingerprint canonicalised', { room: ROOM, fp: ` ${ALICE_FP.toUpperCase()} ` }, [ev(T0, { type: 'key' })], ['AGT-01', 'AGT-12'], ['canonical-fp']),
        presenter('close-stops', 'The clock stops with the call', { room: ROOM, fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 100_000, { type: 'close' }), ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 480_000, { type: 'tick' }),
        ], ['AGT-04', 'AGT-12'], ['resign-clock']),
        presenter('new-key-restarts', 'Adopting a key again signs at once and restarts the clock', { room: ROOM, fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 100_000, { type: 'key' }), ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 340_000, { type: 'tick' }),
        ], ['AGT-04', 'AGT-12'], ['resign-clock']),
        presenter('key-after-close', 'After close a key adopted again starts the clock anew: it signs at once and 240 s later', { room: ROOM, fp: ALICE_FP }, [
          ev(T0, { type: 'key' }), ev(T0 + 100_000, { type: 'close' }), ev(T0 + 200_000, { type: 'key' }), ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 440_000, { type: 'tick' }),
        ], ['AGT-12', 'AGT-04'], ['resign-clock']),
        presenter('no-key-no-clock', 'Ticks before the key is adopted sign nothing', { room: ROOM, fp: ALICE_FP }, [ev(T0 + 240_000, { type: 'tick' }), ev(T0 + 480_000, { type: 'tick' })], ['AGT-04', 'AGT-12']),
      ],
    },
    {
      name: 'credit-valid',
      description: 'credit.verify: credentials a credit-gated door accepts [CRED-01], [CRED-02]',
      cases: [
        credit('basic', 'A fresh credential from the trusted issuer, for this room', ['CRED-02', 'CRED-01'], { flags: ['golden'] }),
        credit('issuer-list', 'The issuer is one of several trusted', ['CRED-02'], { input: { issuer: ['https://other.example', ISS] } }),
        credit('no-kid', 'Without kid every candidate is tried', ['CRED-01', 'IDT-06'], { dropHeader: ['kid'] }),
        credit('second-key', 'Signed by the issuer\'s second key', ['CRED-01'], { signer: ISSUER_2, header: { kid: ISSUER_2.kid! } }),
        credit('no-typ', 'A header without typ', ['CRED-02'], { dropHeader: ['typ'] }),
        credit('exp-within-leeway', 'exp 59 s ago is still within the 60 s leeway', ['CRED-03', 'CRED-02'], { claims: { exp: NOW - 59 }, flags: ['leeway'] }),
        credit('nbf-at-leeway', 'nbf 60 s ahead is within the leeway', ['CRED-02'], { claims: { nbf: NOW + 60 }, flags: ['leeway'] }),
        credit('iat-at-leeway', 'iat 60 s ahead is within the leeway', ['CRED-02'], { claims: { iat: NOW + 60 }, flags: ['leeway'] }),
        credit('no-iat-no-nbf', 'iat and nbf are optional', ['CRED-02'], { drop: ['iat', 'nbf'] }),
        credit('kind-match', 'A required kind that matches', ['CRED-03', 'CRED-02'], { input: { kind: 'wbz-credit.v1' } }),
        credit('kind-empty-not-checked', 'An empty required kind is no requirement', ['CRED-02'], { input: { kind: '' }, claims: { k: 'anything' } }),
        credit('room-not-required', 'Without a required room, a credit for another room verifies', ['CRED-02'], { input: { room: null }, claims: { room: 'retro' } }),
        credit('room-not-required-absent', 'Without a required room, a credit without room verifies', ['CRED-02'], { input: { room: null }, drop: ['room'] }),
        credit('leeway-override', 'A caller-set leeway of 120 s accepts exp 100 s ago', ['CRED-02'], { input: { leeway: 120 }, claims: { exp: NOW - 100 }, flags: ['leeway'] }),
        credit('extra-claims', 'Claims the verifier does not know are kept', ['CRED-02'], { claims: { tier: 'pro', minutes: 1 } }),
      ],
    },
    {
      name: 'credit-reject',
      description: 'credit.verify: one vector per step of [CRED-02], and the order of the steps',
      cases: [
        credit('oversize', 'A credential of 8193 characters is refused before parsing', ['CRED-02'], { jwt: garbage(8193), error: 'credit.oversize', flags: ['oversize'] }),
        credit('at-cap-then-malformed', 'A non-JWS of exactly 8192 characters passes the cap and fails parsing', ['CRED-02'], { jwt: garbage(8192), error: 'credit.malformed', flags: ['oversize'] }),
        credit('two-parts', 'Two parts are not a JWS', ['CRED-02'], { jwt: `${seg(HEADER)}.${seg(CLAIMS)}`, error: 'credit.malformed' }),
        credit('not-a-string', 'A credential that is a number', ['CRED-02'], { jwt: 42, error: 'credit.malformed' }),
        credit('header-not-json', 'A header that is not JSON', ['CRED-02'], { jwt: `${bodyOf('{alg')}.${seg(CLAIMS)}.AAAA`, error: 'credit.malformed' }),
        credit('alg-none', 'alg none is never accepted', ['CRED-01', 'CRED-02'], { jwt: `${seg({ ...HEADER, alg: 'none' })}.${seg(CLAIMS)}.`, error: 'credit.unsupported-alg', flags: ['alg-confusion'] }),
        credit('alg-hs256', 'HS256 keyed with the issuer\'s public key', ['CRED-01', 'CRED-02'], { jwt: hs256WithPublicPem(ISSUER, { ...HEADER, alg: 'HS256' }, CLAIMS), error: 'credit.unsupported-alg', flags: ['alg-confusion'] }),
        credit('alg-es256', 'An ES256 header', ['CRED-01'], { header: { alg: 'ES256' }, error: 'credit.unsupported-alg', flags: ['alg-confusion'] }),
        credit('typ-lowercase', 'typ must be exactly JWT', ['CRED-02'], { header: { typ: 'jwt' }, error: 'credit.bad-typ' }),
        credit('crit', 'A header with crit', ['CRED-02', 'IDT-24'], { header: { crit: ['exp'] }, error: 'credit.unsupported-crit' }),
        credit('unknown-kid', 'A kid the issuer does not publish', ['CRED-02', 'CRED-04'], { header: { kid: 'rotated-away' }, error: 'credit.no-key', flags: ['issuer-keys'] }),
        credit('empty-jwks', 'No keys obtained: fail closed', ['CRED-04'], { input: { jwks: { keys: [] } }, error: 'credit.no-key', flags: ['issuer-keys'] }),
        credit('jwks-not-object', 'A JWKS that is not an object has no candidates', ['CRED-04'], { input: { jwks: 'keys' }, error: 'credit.no-key', flags: ['issuer-keys'] }),
        credit('rogue-key', 'Signed by a key outside the JWKS', ['CRED-02'], { signer: ROGUE, dropHeader: ['kid'], error: 'credit.bad-signature', flags: ['issuer-keys'] }),
        credit('tampered-claims', 'Claims changed after signing', ['CRED-02'], { jwt: (() => { const [h, , s] = creditToken({}).split('.'); return `${h}.${seg({ ...CLAIMS, sub: 'evil' })}.${s}`; })(), error: 'credit.bad-signature' }),
        credit('weak-key', 'A 1024-bit issuer key never verifies', ['CRED-01', 'IDT-23'], { signer: WEAK, header: { kid: WEAK.kid! }, input: { jwks: { keys: [publicRsaJwk(WEAK)] } }, error: 'credit.bad-signature', flags: ['issuer-keys'] }),
        credit('bad-iss', 'An issuer the room does not trust', ['CRED-02'], { claims: { iss: 'https://evil.example' }, error: 'credit.bad-iss' }),
        credit('iss-number', 'An iss that is not a string', ['CRED-02'], { claims: { iss: 7 }, error: 'credit.bad-iss' }),
        credit('iss-absent', 'No iss', ['CRED-02'], { drop: ['iss'], error: 'credit.bad-iss' }),
        credit('wrong-kind', 'A required kind that differs', ['CRED-03', 'CRED-02'], { input: { kind: 'wbz-credit.v1' }, claims: { k: 'something-else' }, error: 'credit.wrong-kind' }),
        credit('kind-absent', 'A required kind and no k claim', ['CRED-03', 'CRED-02'], { input: { kind: 'wbz-credit.v1' }, drop: ['k'], error: 'credit.wrong-kind' }),
        credit('wrong-room', 'A credit minted for another room', ['CRED-03', 'CRED-02'], { claims: { room: 'retro' }, error: 'credit.wrong-room', flags: ['room-scope'] }),
        credit('room-absent', 'A required room and no room claim: fail closed', ['CRED-03', 'CRED-02'], { drop: ['room'], error: 'credit.wrong-room', flags: ['room-scope'] }),
        credit('room-peer-id', 'The authority peer id is not the room id', ['CRED-02'], { claims: { room: `kbz-v1-${ROOM}` }, error: 'credit.wrong-room', flags: ['room-scope'] }),
        credit('expired-at-leeway', 'exp exactly 60 s ago is expired', ['CRED-03', 'CRED-02'], { claims: { exp: NOW - 60 }, error: 'credit.expired', flags: ['leeway'] }),
        credit('expired-far', 'exp two minutes ago', ['CRED-02'], { claims: { exp: NOW - 120 }, error: 'credit.expired' }),
        credit('exp-absent', 'No exp', ['CRED-02'], { drop: ['exp'], error: 'credit.expired' }),
        credit('exp-string', 'An exp that is a string', ['CRED-02', 'CONV-03'], { claims: { exp: String(NOW + 60) }, error: 'credit.expired' }),
        credit('leeway-zero', 'A caller-set leeway of 0 refuses exp 30 s ago', ['CRED-02'], { input: { leeway: 0 }, claims: { exp: NOW - 30 }, error: 'credit.expired', flags: ['leeway'] }),
        credit('nbf-past-leeway', 'nbf 61 s ahead is not yet valid', ['CRED-02'], { claims: { nbf: NOW + 61 }, error: 'credit.not-yet-valid', flags: ['leeway'] }),
        credit('iat-past-leeway', 'iat 61 s ahead is from the future', ['CRED-02'], { claims: { iat: NOW + 61 }, error: 'credit.future-iat', flags: ['leeway'] }),
        credit('no-sub', 'No sub: no agent id', ['CRED-02'], { drop: ['sub'], error: 'credit.no-sub' }),
        credit('sub-empty', 'An empty sub', ['CRED-02'], { claims: { sub: '' }, error: 'credit.no-sub' }),
        credit('sub-number', 'A sub that is a number', ['CRED-02'], { claims: { sub: 7 }, error: 'credit.no-sub' }),
        credit('order-alg-before-key', 'alg none with an unknown kid: the algorithm is checked first', ['CRED-02'], { jwt: `${seg({ ...HEADER, alg: 'none', kid: 'x' })}.${seg(CLAIMS)}.`, error: 'credit.unsupported-alg', flags: ['check-order'] }),
        credit('order-iss-before-kind', 'Wrong issuer and wrong kind', ['CRED-02'], { input: { kind: 'wbz-credit.v1' }, claims: { iss: 'https://evil.example', k: 'x' }, error: 'credit.bad-iss', flags: ['check-order'] }),
        credit('order-kind-before-room', 'Wrong kind and wrong room', ['CRED-02'], { input: { kind: 'wbz-credit.v1' }, claims: { k: 'x', room: 'retro' }, error: 'credit.wrong-kind', flags: ['check-order'] }),
        credit('order-room-before-exp', 'Wrong room and expired', ['CRED-02'], { claims: { room: 'retro', exp: NOW - 600 }, error: 'credit.wrong-room', flags: ['check-order'] }),
        credit('order-exp-before-sub', 'Expired and no sub', ['CRED-02'], { claims: { exp: NOW - 600 }, drop: ['sub'], error: 'credit.expired', flags: ['check-order'] }),
        credit('order-signature-before-iss', 'A rogue signature over a foreign issuer', ['CRED-02'], { signer: ROGUE, claims: { iss: 'https://evil.example' }, error: 'credit.bad-signature', flags: ['check-order'] }),
      ],
    },
  ],
};
