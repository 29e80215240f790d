// Vectors for join codes and their limiter (spec/12-admission.md 12.5), the verified-roster share
// gate (12.6) and the peer-to-peer ID-token exchange (12.7).
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { encodeBase64url } from '../../reference/encoding/base64url.ts';
import type { Case, FileSpec } from './lib.ts';

const bytes = (...b: number[]): string => encodeBase64url(Uint8Array.from(b));
const fmt = (name: string, description: string, b: string, covers: string[], flags: string[] = []): Case => ({ name, description, op: 'joincode.format', covers, flags, input: { bytes: b } });
const ENTRIES = [
  { name: 'Ann', code: 'K7P-Q2M' },
  { name: 'Bob', code: '  HAA-AB9 ' },
  { name: 'Cat', code: '' },
];
const match = (name: string, description: string, code: string, covers: string[], o: { entries?: JsonValue; flags?: string[]; error?: string } = {}): Case => ({
  name, description, op: 'joincode.match', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { entries: (o.entries ?? ENTRIES) as JsonValue, code },
});
type RStep = [number, string, 'check' | 'fail' | 'clear'];
const limit = (name: string, description: string, steps: RStep[], covers: string[], o: { max?: number; lockout?: number; flags?: string[] } = {}): Case => ({
  name, description, op: 'ratelimit.run', covers, flags: o.flags ?? [],
  input: { maxAttempts: o.max ?? 5, lockoutMs: o.lockout ?? 60_000, steps: steps.map(([at, key, op]) => ({ at, key, op })) },
});
const fails = (key: string, n: number, at = 1000): RStep[] => Array.from({ length: n }, (_, i) => [at + i, key, 'fail'] as RStep);

const ROSTER = { members: ['alice@acme.com', 'Bob@X.com'], domains: ['@Acme.org'] };
const state = (name: string, description: string, input: JsonObject, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'rostergate.state', covers, flags, input: { ...ROSTER, self: 'alice@acme.com', peers: [], ...input },
});
const allows = (name: string, description: string, input: JsonObject, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'rostergate.allows', covers, flags, input: { ...ROSTER, self: 'alice@acme.com', peers: [], ...input },
});
const PEERS = [
  { id: 'v1', identity: 'bob@x.com' },
  { id: 'v2', identity: null },
  { id: 'v3', identity: 'mallory@evil.com' },
];

const J1 = 'eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImFubkBhY21lLmNvbSJ9.c2lnMQ';
const J2 = 'eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImJvYkB4LmNvbSJ9.c2lnMg';
const FP_DATA = 'aa:bb:cc';
const FP_NEW = 'dd:ee:ff';
const ev = (type: string, rest: JsonObject = {}): JsonObject => ({ type, ...rest });
const idt = (jwt: JsonValue): JsonObject => ({ k: 'idtoken', jwt });
const exch = (name: string, description: string, steps: JsonObject[], covers: string[], flags: string[] = [], comment?: string): Case => ({
  name, description, op: 'idtoken.exchange', covers, flags, ...(comment ? { comment } : {}), input: { self: 'vMe', steps },
});

export const admissionGateVectors: FileSpec = {
  file: 'admissiongate',
  title: 'Admission: join codes and their limiter, the verified-roster share gate, the ID-token exchange',
  profile: 'admission',
  chapters: ['spec/12-admission.md'],
  notes: {
    'modulo-bias': { bugType: 'EDGE_CASE', description: 'Bytes 248..255 wrap onto A..H (byte mod 31).' },
    'short-input': { bugType: 'EDGE_CASE', description: 'Fewer than 6 bytes: a missing byte counts as 0.' },
    'no-early-exit': { bugType: 'MISSING_STEP', description: 'Every entry is compared; the last match wins (an early exit answers the first).' },
    'exact-match': { bugType: 'AUTH_BYPASS', description: 'Codes match exactly after trimming: case-sensitive, no prefix, no missing hyphen.' },
    'boundary': { bugType: 'BOUNDARY', description: 'The lock-out ends exactly at its time (locked while strictly later).' },
    'inert': { bugType: 'EDGE_CASE', description: 'No roster: the gate lets everything flow.' },
    'domains': { bugType: 'ENCODING', description: 'Domain membership after the last @, a leading @ on the entry ignored, canonical forms.' },
    'fail-closed': { bugType: 'AUTH_BYPASS', description: 'Pending, rejected and unknown peers are not cleared.' },
    'exempt-kinds': { bugType: 'EDGE_CASE', description: 'idtoken and caps pass the receive filter; nothing else does.' },
    'data-link-fp': { bugType: 'WRONG_PRIMITIVE', description: 'Tokens verify against the data connection\'s live certificate, re-verified when it changes.' },
    'bounded-input': { bugType: 'BOUNDARY', description: 'The 8192-character cap on received tokens, and malformed idtoken messages.' },
    'upstream': { bugType: 'INTEROP', description: 'Upstream behaviour kept as the chapter states.' },
  },
  groups: [
    {
      name: 'format',
      description: 'joincode.format: two groups of three, ALPHABET[byte mod 31] [CODE-01]',
      cases: [
        fmt('first-six', 'Bytes 00..05 give ABC-DEF', bytes(0, 1, 2, 3, 4, 5), ['CODE-01']),
        fmt('wrap', 'Bytes 1F 3E 7C wrap to A; F7 is the last character 9', bytes(0xff, 0x1f, 0x3e, 0x7c, 0x20, 0xf7), ['CODE-01']),
        fmt('bias', 'Bytes F8..FD wrap onto A..F', bytes(0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd), ['CODE-01'], ['modulo-bias']),
        fmt('alphabet-tail', 'Indices 25..30 are the digits 4..9', bytes(25, 26, 27, 28, 29, 30), ['CODE-01']),
        fmt('no-lookalikes', 'Indices 8..13 skip I and L: J K M N P Q', bytes(8, 9, 10, 11, 12, 13), ['CODE-01']),
        fmt('short', 'Three bytes: the missing three count as 0 (A)', bytes(0x10, 0x20, 0x30), ['CODE-01'], ['short-input']),
        fmt('empty', 'No bytes at all: AAA-AAA', '', ['CODE-01'], ['short-input']),
        fmt('extra-ignored', 'Bytes after the sixth are not used', bytes(1, 1, 1, 1, 1, 1, 9, 9, 9), ['CODE-01']),
      ],
    },
    {
      name: 'match',
      description: 'joincode.match: trimmed, exact, every entry compared, last match wins [CODE-02]',
      cases: [
        match('exact', 'The exact code', 'K7P-Q2M', ['CODE-02']),
        match('trimmed', 'The submitted code and the entry code are trimmed', '\tHAA-AB9\n', ['CODE-02', 'CONV-08']),
        match('case-sensitive', 'Lower case does not match', 'k7p-q2m', ['CODE-02'], { flags: ['exact-match'] }),
        match('prefix', 'A prefix does not match', 'K7P', ['CODE-02'], { flags: ['exact-match'] }),
        match('longer', 'A longer code does not match', 'K7P-Q2MX', ['CODE-02'], { flags: ['exact-match'] }),
        match('no-hyphen', 'The hyphen is part of the code', 'K7PQ2M', ['CODE-02'], { flags: ['exact-match'] }),
        match('empty', 'An empty submission matches nothing, not even an entry with an empty code', '', ['CODE-02'], { flags: ['exact-match'] }),
        match('blank', 'A blank submission matches nothing', '   ', ['CODE-02'], { flags: ['exact-match'] }),
        match('last-wins', 'Two entries with the same code: the last one answers (every entry is compared)', 'K7P-Q2M', ['CODE-02'], { entries: [{ name: 'First', code: 'K7P-Q2M' }, { name: 'Middle', code: 'ZZZ-ZZZ' }, { name: 'Last', code: ' K7P-Q2M' }], flags: ['no-early-exit'] }),
        match('no-entries', 'An empty list', 'K7P-Q2M', ['CODE-02'], { entries: [] }),
        match('entry-not-object', 'An entry that is not an object', 'K7P-Q2M', ['CODE-02', 'ADP-08'], { entries: ['K7P-Q2M'], error: 'input.invalid' }),
      ],
    },
    {
      name: 'limiter',
      description: 'ratelimit.run: per-key failure count, lock-out, strict end, restart [CODE-03]',
      cases: [
        limit('locks-at-max', 'Four failures still allowed; the fifth locks for 60 s', [...fails('c1', 4), [2000, 'c1', 'check'], [2001, 'c1', 'fail'], [2002, 'c1', 'check']], ['CODE-03']),
        limit('ends-exactly', 'Locked 1 ms before the lock-out time, allowed exactly at it', [...fails('c1', 5), [61_003, 'c1', 'check'], [61_004, 'c1', 'check']], ['CODE-03'], { flags: ['boundary'] }),
        limit('count-restarts', 'After a lock-out the count starts again: 4 more failures, still allowed; the 5th locks again', [...fails('c1', 5), ...fails('c1', 4, 70_000), [80_000, 'c1', 'check'], [80_001, 'c1', 'fail'], [80_002, 'c1', 'check']], ['CODE-03']),
        limit('clear', 'clear (success or disconnect) erases the record', [...fails('c1', 4), [2000, 'c1', 'clear'], [2001, 'c1', 'fail'], [2002, 'c1', 'check']], ['CODE-03']),
        limit('clear-lifts-lockout', 'clear also lifts an active lock-out', [...fails('c1', 5), [2000, 'c1', 'clear'], [2001, 'c1', 'check']], ['CODE-03']),
        limit('per-key', 'One key\'s lock-out does not affect another', [...fails('c1', 5), [2000, 'c2', 'check'], [2001, 'c1', 'check']], ['CODE-03']),
        limit('max-one', 'maxAttempts 1: the first failure locks', [[0, 'c1', 'fail'], [1, 'c1', 'check']], ['CODE-03'], { max: 1, lockout: 500 }),
        limit('fail-while-locked', 'A failure recorded while locked counts towards the next window', [...fails('c1', 5), [2000, 'c1', 'fail'], [61_005, 'c1', 'check']], ['CODE-03']),
        limit('fails-while-locked-relock', 'Failures recorded while locked count like any other: reaching maxAttempts again locks anew from that failure', [...fails('c1', 2), [2000, 'c1', 'fail'], [3000, 'c1', 'fail'], [12_000, 'c1', 'check'], [13_000, 'c1', 'check']], ['CODE-03'], { max: 2, lockout: 10_000 }),
      ],
    },
    {
      name: 'state',
      description: 'rostergate.state: pending, verified, rejected; canShare and compromised [RGATE-01..RGATE-04]',
      cases: [
        state('inert-null', 'No roster: inactive, everything flows, no per-peer states', { members: null, domains: null, self: null, peers: PEERS }, ['RGATE-01'], ['inert']),
        state('inert-empty', 'Empty lists are no roster', { members: [], domains: [], self: null, peers: PEERS }, ['RGATE-01'], ['inert']),
        state('alone-verified', 'Alone and on the roster: may share', {}, ['RGATE-04']),
        state('alone-unverified', 'Alone and not yet verified: may not share', { self: null }, ['RGATE-04']),
        state('alone-off-roster', 'Our own identity is not on the roster', { self: 'eve@x.com' }, ['RGATE-04']),
        state('mixed', 'One verified, one pending, one rejected: compromised, no sharing', { peers: PEERS }, ['RGATE-02', 'RGATE-04'], ['fail-closed']),
        state('pending-absent-identity', 'A peer without an identity member is pending', { peers: [{ id: 'v1' }, { id: 'v2', identity: 'bob@x.com' }] }, ['RGATE-02']),
        state('all-verified', 'Every peer verified, self verified: may share', { peers: [{ id: 'v1', identity: ' BOB@x.com ' }, { id: 'v2', identity: 'carol@acme.org' }] }, ['RGATE-03', 'RGATE-04'], ['domains']),
        state('domain-last-at', 'The domain is what follows the last @', { peers: [{ id: 'v1', identity: 'x@evil.com@acme.org' }, { id: 'v2', identity: 'x@acme.org@evil.com' }] }, ['RGATE-03'], ['domains']),
        state('subdomain', 'A subdomain is another domain', { peers: [{ id: 'v1', identity: 'dan@eng.acme.org' }] }, ['RGATE-03'], ['domains']),
        state('no-at', 'An identity without @ matches no domain', { members: [], domains: ['acme.org'], self: 'acme.org', peers: [{ id: 'v1', identity: 'acme.org' }] }, ['RGATE-03'], ['domains']),
        state('empty-identity', 'A verified empty identity is rejected, not pending', { peers: [{ id: 'v1', identity: '' }] }, ['RGATE-02'], ['upstream']),
        state('nfkc-member', 'Members compare in canonical form (NFKC)', { members: ['jos\u00e9@x.com'], domains: [], self: 'jose\u0301@x.com', peers: [{ id: 'v1', identity: '\uff4a\uff4f\uff53\u00e9@x.com' }] }, ['RGATE-03', 'MAN-04']),
        state('self-empty', 'Our own verified identity "" is not on the roster, even beside an empty member entry', { members: [''], domains: [], self: '', peers: [] }, ['RGATE-03', 'RGATE-04']),
        state('domain-canonical-then-at', 'A domain entry is canonicalised first, then one leading @ removed: a fullwidth @ counts', { members: [], domains: ['\uff20Acme.org'], self: 'ann@acme.org', peers: [{ id: 'v1', identity: 'bob@acme.org' }] }, ['RGATE-03'], ['domains']),
        { ...state('duplicate-peer', 'A media id listed twice has no single state', { peers: [{ id: 'v1', identity: null }, { id: 'v1', identity: 'bob@x.com' }] }, ['RGATE-02', 'ADP-08']), error: 'input.invalid' },
        state('domains-only', 'A roster of domains alone is active', { members: null, domains: ['acme.org'], self: 'ann@ACME.org', peers: [{ id: 'v1', identity: 'bob@x.com' }] }, ['RGATE-01', 'RGATE-03'], ['domains']),
      ],
    },
    {
      name: 'allows',
      description: 'rostergate.allows: what is sent and what is dropped [RGATE-05], [RGATE-06]',
      cases: [
        allows('inert-broadcast', 'No roster: broadcasts flow', { members: null, domains: null, self: null, peers: PEERS, action: 'broadcast' }, ['RGATE-01', 'RGATE-05'], ['inert']),
        allows('inert-receive', 'No roster: content from anyone is accepted', { members: null, domains: null, self: null, peers: PEERS, action: 'receive', peer: 'v3', kind: 'chat' }, ['RGATE-01', 'RGATE-06'], ['inert']),
        allows('broadcast-held-pending', 'A pending peer holds every broadcast', { peers: [{ id: 'v1', identity: 'bob@x.com' }, { id: 'v2', identity: null }], action: 'broadcast' }, ['RGATE-05'], ['fail-closed']),
        allows('broadcast-ok', 'Everyone verified: broadcasts flow', { peers: [{ id: 'v1', identity: 'bob@x.com' }], action: 'broadcast' }, ['RGATE-05']),
        allows('broadcast-self-unverified', 'Not verified ourselves: no broadcast', { self: null, peers: [{ id: 'v1', identity: 'bob@x.com' }], action: 'broadcast' }, ['RGATE-05'], ['fail-closed']),
        allows('send-to-verified', 'A directed message to a verified peer while another is pending', { peers: PEERS.slice(0, 2), action: 'send', peer: 'v1' }, ['RGATE-05']),
        allows('send-to-pending', 'No directed message to a pending peer', { peers: PEERS, action: 'send', peer: 'v2' }, ['RGATE-05'], ['fail-closed']),
        allows('send-to-rejected', 'No directed message to a rejected peer', { peers: PEERS, action: 'send', peer: 'v3' }, ['RGATE-05'], ['fail-closed']),
        allows('send-to-unknown', 'No directed message to a peer that is not present', { peers: PEERS, action: 'send', peer: 'v9' }, ['RGATE-05'], ['fail-closed']),
        allows('send-self-unverified', 'A directed message needs only that peer verified', { self: null, peers: PEERS, action: 'send', peer: 'v1' }, ['RGATE-05']),
        allows('receive-from-pending', 'Chat from a pending peer is dropped', { peers: PEERS, action: 'receive', peer: 'v2', kind: 'chat' }, ['RGATE-06'], ['fail-closed']),
        allows('receive-from-rejected', 'App data from a rejected peer is dropped', { peers: PEERS, action: 'receive', peer: 'v3', kind: 'app' }, ['RGATE-06'], ['fail-closed']),
        allows('receive-from-verified', 'Chat from a verified peer is accepted', { peers: PEERS, action: 'receive', peer: 'v1', kind: 'chat' }, ['RGATE-06']),
        allows('receive-idtoken', 'An ID token from a pending peer passes (it is how a peer becomes verified)', { peers: PEERS, action: 'receive', peer: 'v2', kind: 'idtoken' }, ['RGATE-06'], ['exempt-kinds']),
        allows('receive-caps', 'caps from a rejected peer pass this filter', { peers: PEERS, action: 'receive', peer: 'v3', kind: 'caps' }, ['RGATE-06'], ['exempt-kinds']),
        allows('receive-ledger', 'Other control kinds do not pass', { peers: PEERS, action: 'receive', peer: 'v2', kind: 'ledger' }, ['RGATE-06'], ['exempt-kinds']),
        { ...allows('bad-action', 'An unknown action', { action: 'relay' }, ['RGATE-05', 'ADP-08']), error: 'input.invalid' },
      ],
    },
    {
      name: 'exchange',
      description: 'idtoken.exchange: once per member, re-sent on join and on a new token, verified lazily against the data connection [RGATE-07..RGATE-09]',
      cases: [
        exch('signin-then-roster', 'Signed in before the roster: everyone but us gets the token, in roster order', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v2', 'vMe', 'v1'] })], ['RGATE-07']),
        exch('roster-then-signin', 'Signing in sends to the current roster', [ev('roster', { members: ['v1', 'vMe', 'v2'] }), ev('signin', { jwt: J1 })], ['RGATE-07']),
        exch('once-per-member', 'A repeated roster sends nothing again', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1'] }), ev('roster', { members: ['v1'] })], ['RGATE-07']),
        exch('newcomer', 'A newcomer gets the token; members who had it do not', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1'] }), ev('roster', { members: ['v1', 'v2'] })], ['RGATE-07']),
        exch('new-token-to-all', 'A new token goes to everyone again', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1', 'v2'] }), ev('signin', { jwt: J2 })], ['RGATE-07']),
        exch('same-token-signin-again', 'Signing in again with the same token sends it to everyone again', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1', 'v2'] }), ev('signin', { jwt: J1 })], ['RGATE-07']),
        exch('empty-signin-no-token', 'A sign-in with an empty token leaves the peer without one: nothing is sent', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1'] }), ev('signin', { jwt: '' }), ev('roster', { members: ['v1', 'v2'] })], ['RGATE-07']),
        exch('no-token', 'Without a token nothing is sent', [ev('roster', { members: ['v1', 'v2'] })], ['RGATE-07']),
        exch('rejoin-not-resent', 'A member who left and came back with the same id is not sent the token again', [ev('signin', { jwt: J1 }), ev('roster', { members: ['v1'] }), ev('roster', { members: [] }), ev('roster', { members: ['v1'] })], ['RGATE-07'], ['upstream']),
        exch('lazy-verify', 'A stored token is verified on demand against the data connection\'s fingerprint', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-09', 'RGATE-08'], ['data-link-fp']),
        exch('no-fp-yet', 'No readable certificate yet: unknown, and nothing to verify', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('query', { peer: 'v1' }), ev('link', { peer: 'v1', fp: null }), ev('query', { peer: 'v1' })], ['RGATE-09'], ['data-link-fp']),
        exch('no-token-unknown', 'No token from that peer: unknown', [ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-09']),
        exch('cached', 'A verdict is reused for the same token and certificate', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('query', { peer: 'v1' })], ['RGATE-09']),
        exch('failed-verdict-cached', 'A failed verdict (null) is cached too', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: null }), ev('query', { peer: 'v1' })], ['RGATE-09']),
        exch('cert-changed', 'A new certificate on the data connection means a new verification', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('link', { peer: 'v1', fp: FP_NEW }), ev('query', { peer: 'v1' })], ['RGATE-09'], ['data-link-fp']),
        exch('cert-changed-back', 'A certificate that changes and changes back finds its verdict again', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('link', { peer: 'v1', fp: FP_NEW }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-09'], ['data-link-fp']),
        exch('query-twice-asks-twice', 'Two queries before any verdict: two verify requests (no memory of requests in flight)', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' }), ev('query', { peer: 'v1' })], ['RGATE-09']),
        exch('last-verdict-kept', 'A verdict for another certificate replaces the one kept: the current pair is asked again', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_NEW, identity: 'bob@x.com' }), ev('query', { peer: 'v1' })], ['RGATE-09']),
        exch('blank-fp-is-readable', 'A fingerprint of only spaces is readable here: the verifier is asked (and refuses it, BIND-05)', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: '  ' }), ev('query', { peer: 'v1' })], ['RGATE-09'], ['data-link-fp']),
        exch('token-replaced', 'A new token from the peer replaces the old one and discards the verdict', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('receive', { from: 'v1', msg: idt(J1) }), ev('query', { peer: 'v1' })], ['RGATE-08', 'RGATE-09']),
        exch('same-token-again', 'The same token received again still discards the cached verdict', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('verified', { peer: 'v1', jwt: J2, fp: FP_DATA, identity: 'bob@x.com' }), ev('receive', { from: 'v1', msg: idt(J2) }), ev('query', { peer: 'v1' })], ['RGATE-08']),
        exch('cap-8192', 'A token of exactly 8192 characters is kept', [ev('receive', { from: 'v1', msg: idt('a'.repeat(8192)) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-08'], ['bounded-input']),
        exch('cap-8193', 'A token of 8193 characters is ignored; the previous one stays', [ev('receive', { from: 'v1', msg: idt(J2) }), ev('receive', { from: 'v1', msg: idt('a'.repeat(8193)) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-08'], ['bounded-input']),
        exch('malformed-messages', 'Non-string, empty and wrong-kind messages are ignored', [ev('receive', { from: 'v1', msg: idt(5) }), ev('receive', { from: 'v1', msg: idt('') }), ev('receive', { from: 'v1', msg: { k: 'chat', jwt: J2 } }), ev('receive', { from: 'v1', msg: 'idtoken' }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('query', { peer: 'v1' })], ['RGATE-08'], ['bounded-input']),
        exch('per-sender', 'Tokens are kept per sender', [ev('receive', { from: 'v1', msg: idt(J1) }), ev('receive', { from: 'v2', msg: idt(J2) }), ev('link', { peer: 'v1', fp: FP_DATA }), ev('link', { peer: 'v2', fp: FP_NEW }), ev('query', { peer: 'v2' }), ev('query', { peer: 'v1' })], ['RGATE-08', 'RGATE-09']),
        { ...exch('bad-event', 'An unknown event type', [ev('presence', {})], ['RGATE-07', 'ADP-08']), error: 'input.invalid' },
      ],
    },
  ],
};
