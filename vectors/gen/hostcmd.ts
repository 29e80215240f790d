import type { JsonObject } from '../../reference/encoding/json.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { bodyOf, tokenFor, tokenHighS, tokenSignedOverJson, tokenWithDer } from './craft.ts';
import { certDer, ecKey, type Case, type FileSpec } from './lib.ts';

const host = ecKey('host');
const stranger = ecKey('stranger');
const ROOM = 'standup';
const NOW = 1_700_000_000;
const ALICE_FP = fingerprintOfBytes(certDer('alice'));
const BOB_FP = fingerprintOfBytes(certDer('bob'));
const JTI = '0f1e2d3c4b5a69788796a5b4';

/** A payload JSON text in the signing order; `over` replaces or adds members, `drop` removes. */
function payloadJson(over: Record<string, unknown> = {}, drop: string[] = []): string {
  const base: Record<string, unknown> = { k: 'kbz-host-cmd.v1', room: ROOM, fp: ALICE_FP, op: 'lock', iat: NOW, jti: JTI };
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const d of drop) delete merged[d];
  return JSON.stringify(merged);
}
const cmd = (over: Record<string, unknown> = {}, drop: string[] = [], signer = host.secret) => tokenFor(signer, bodyOf(payloadJson(over, drop)));

const verify = (name: string, description: string, token: unknown, covers: string[], opts: { flags?: string[]; error?: string; remoteFp?: string | null; omitRemoteFp?: boolean; now?: number; hostKey?: unknown; comment?: string } = {}): Case => {
  const input: JsonObject = { token: token as string, hostPublicJwk: (opts.hostKey === undefined ? host.pub : opts.hostKey) as never, room: ROOM, now: opts.now ?? NOW };
  if (opts.hostKey === null) delete input.hostPublicJwk;
  if (!opts.omitRemoteFp) input.remoteFp = opts.remoteFp === undefined ? ALICE_FP : opts.remoteFp;
  return { name, description, op: 'hostcmd.verify', input, covers, flags: opts.flags ?? [], ...(opts.error ? { error: opts.error } : {}), ...(opts.comment ? { comment: opts.comment } : {}) };
};

const sign = (name: string, description: string, over: JsonObject, covers: string[], flags: string[] = [], error?: string): Case => ({
  name, description, op: 'hostcmd.sign', covers, flags, ...(error ? { error } : {}),
  input: { privateJwk: host.priv as never, room: ROOM, fp: ALICE_FP, op: 'lock', now: NOW, jti: JTI, ...over },
});

const process = (name: string, description: string, commands: JsonObject[], covers: string[], flags: string[] = [], comment?: string, opts: { noHostKey?: boolean } = {}): Case => ({
  name, description, op: 'hostcmd.process', covers, flags, ...(comment ? { comment } : {}),
  input: opts.noHostKey ? { room: ROOM, commands } : { hostPublicJwk: host.pub as never, room: ROOM, commands },
});
const jti = (i: number) => i.toString(16).padStart(24, '0');
const seq = (count: number, start = 0): JsonObject[] =>
  Array.from({ length: count }, (_, i) => ({ token: cmd({ jti: jti(start + i) }), remoteFp: ALICE_FP, now: NOW }));

const OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
const TARGETS: Record<string, string> = { kick: 'media-7f3a9c', admit: 'presence-4b21', deny: 'presence-4b21' };

export const hostcmdVectors: FileSpec = {
  file: 'hostcmd',
  title: 'Host-signed moderation commands: signing, verification order, freshness, binding and replay',
  profile: 'crypto',
  chapters: ['spec/04-host-commands.md', 'spec/03-signed-token.md'],
  notes: {
    'every-op': { bugType: 'BASIC', description: 'Each op signs and verifies.' },
    'boundary': { bugType: 'BOUNDARY', description: 'Exactly at, or one second past, a freshness bound (both bounds inclusive).' },
    'cert-binding': { bugType: 'AUTH_BYPASS', description: 'A command replayed on another connection, or a check that skipped the certificate binding.' },
    'fail-closed': { bugType: 'MISSING_STEP', description: 'An unreadable certificate or missing key must reject, never skip the check.' },
    'non-host-key': { bugType: 'AUTH_BYPASS', description: 'Signed by a key that is not the committed host key.' },
    'cross-kind': { bugType: 'AUTH_BYPASS', description: 'A correctly signed payload of another kind (or none).' },
    'peer-id-as-salt': { bugType: 'ENCODING', description: 'The kbz-v1- peer id used where the room id is required.' },
    'check-order': { bugType: 'WRONG_ORDER', description: 'Several checks fail; the first failing step must be reported.' },
    'replay': { bugType: 'REPLAY', description: 'The jti replay window: capacity 256, oldest out first.' },
    'legacy-no-jti': { bugType: 'INTEROP', description: 'Commands from clients older than the jti member.' },
    'high-s': { bugType: 'MALLEABILITY', description: 'High-S signature variant of a valid command.' },
    'signed-json-bytes': { bugType: 'WRONG_PRIMITIVE', description: 'Signature over the JSON bytes instead of the body text.' },
    'der-signature': { bugType: 'ENCODING', description: 'DER signature instead of r||s.' },
    'canonical-fp': { bugType: 'ENCODING', description: 'Fingerprints differ only by case or surrounding whitespace and must match after canonicalisation.' },
    'oversize': { bugType: 'BOUNDARY', description: 'The 8192-character cap on mod tokens.' },
    'target-scope': { bugType: 'EDGE_CASE', description: 'target is used by kick/admit/deny only.' },
  },
  groups: [
    {
      name: 'sign',
      description: 'hostcmd.sign: payload members, order and values [HCMD-02..HCMD-07]; body bytes per [CONV-15]',
      cases: [
        ...OPS.map((op) =>
          sign(`op-${op}`, `Sign ${op}${TARGETS[op] ? ' with its target' : ''}`, { op, ...(TARGETS[op] ? { target: TARGETS[op] } : {}) }, ['HCMD-02', 'HCMD-03', 'HCMD-04', 'HCMD-05', 'HCMD-06', 'HCMD-07', 'CONV-02', 'CONV-15'], ['every-op']),
        ),
        sign('canonical-fp', 'The signer writes its fingerprint canonicalised', { fp: `  ${ALICE_FP.toUpperCase()}\n` }, ['HCMD-07', 'CONV-11'], ['canonical-fp']),
        sign('target-dropped-on-lock', 'A target offered for lock is omitted from the payload', { op: 'lock', target: 'media-7f3a9c' }, ['HCMD-05'], ['target-scope']),
        sign('unicode-room-member', 'Non-ASCII member values are written as UTF-8, not \\u escapes', { op: 'kick', target: 'média-7f3a' }, ['CONV-15', 'HCMD-03'], ['target-scope']),
        sign('unknown-op', 'Signing refuses an op that is not a host op', { op: 'ban' }, ['HCMD-04', 'HCMD-17'], [], 'hostcmd.unknown-op'),
        sign('kick-without-target', 'Signing refuses kick without a target', { op: 'kick' }, ['HCMD-17'], ['target-scope'], 'hostcmd.missing-target'),
        sign('deny-empty-target', 'Signing refuses deny with an empty target', { op: 'deny', target: '' }, ['HCMD-17', 'HCMD-05'], ['target-scope'], 'hostcmd.missing-target'),
        sign('unsafe-integer-now', 'Signing refuses a time at or above 2^53', { now: 2 ** 53 }, ['CONV-16', 'ADP-08'], [], 'input.invalid'),
        sign('fractional-now', 'Signing refuses a fractional time: iat is whole seconds', { now: NOW + 0.5 }, ['CONV-02', 'ADP-08'], [], 'input.invalid'),
        sign('key-not-object', 'A private key that is not a JSON object fails step 1', { privateJwk: 'AAAA' }, ['HCMD-19', 'ADP-08'], ['check-order'], 'hostcmd.bad-host-key'),
        sign('public-key-only', 'A public JWK (no d) cannot sign', { privateJwk: host.pub as never }, ['HCMD-19', 'TOK-11'], [], 'hostcmd.bad-host-key'),
        sign('mismatched-d', 'A private JWK whose d belongs to another key', { privateJwk: { ...host.priv, d: stranger.priv.d } as never }, ['HCMD-19', 'TOK-11'], [], 'hostcmd.bad-host-key'),
        sign('order-key-before-op', 'A bad key and an unknown op: the key is checked first', { privateJwk: host.pub as never, op: 'ban' }, ['HCMD-19'], ['check-order'], 'hostcmd.bad-host-key'),
        sign('order-op-before-target', 'An unknown op without a target: the op is checked before the target', { op: 'ban', target: '' }, ['HCMD-19'], ['check-order'], 'hostcmd.unknown-op'),
        sign('order-shape-before-key', 'A fractional time and a bad key: the shape check comes before every protocol step', { privateJwk: 'AAAA', now: NOW + 0.5 }, ['ADP-08', 'HCMD-19'], ['check-order'], 'input.invalid'),
        sign('target-null-on-kick', 'A null target is an absent target: kick refuses it', { op: 'kick', target: null }, ['HCMD-17', 'HCMD-19'], ['target-scope'], 'hostcmd.missing-target'),
        sign('target-dropped-on-claim', 'A target given for claim is left out of the payload (upstream would write it)', { op: 'claim', target: 'media-7f3a9c' }, ['HCMD-05', 'HCMD-19'], ['target-scope']),
      ],
    },
    {
      name: 'verify-valid',
      description: 'hostcmd.verify: commands a coordinator must accept [HCMD-08], [HCMD-10], [HCMD-11]',
      cases: [
        ...OPS.map((op) =>
          verify(`op-${op}`, `A valid ${op} command`, cmd({ op, ...(TARGETS[op] ? { target: TARGETS[op] } : {}) }), ['HCMD-08', 'HCMD-04'], { flags: ['every-op'] }),
        ),
        verify('future-60s', 'iat exactly 60 s ahead is accepted', cmd({ iat: NOW + 60 }), ['HCMD-11'], { flags: ['boundary'] }),
        verify('past-120s', 'iat exactly 120 s old is accepted', cmd({ iat: NOW - 120 }), ['HCMD-11'], { flags: ['boundary'] }),
        verify('self-issued', 'A command the coordinator issues to itself has no connection and no binding', cmd({ fp: BOB_FP }), ['HCMD-10'], { omitRemoteFp: true }),
        verify('remote-fp-uppercase', 'The live fingerprint in upper case still binds', cmd(), ['HCMD-10', 'CONV-11'], { remoteFp: ALICE_FP.toUpperCase(), flags: ['canonical-fp'] }),
        verify('payload-fp-padded', 'A payload fp with whitespace and capitals binds after canonicalisation', cmd({ fp: ` ${ALICE_FP.toUpperCase()} ` }), ['HCMD-10', 'CONV-11'], { flags: ['canonical-fp'] }),
        verify('no-jti', 'A command without jti (older client) is valid', cmd({}, ['jti']), ['HCMD-14'], { flags: ['legacy-no-jti'] }),
        verify('kick-without-target', 'A kick without a target verifies (enacting it changes nothing)', cmd({ op: 'kick' }), ['HCMD-08', 'HCMD-05']),
        verify('target-ignored-on-lock', 'A target on lock is ignored', cmd({ op: 'lock', target: 'media-7f3a9c' }), ['HCMD-05'], { flags: ['target-scope'] }),
        verify('unknown-members-ignored', 'Members the verifier does not know are ignored', cmd({ future: { x: 1 } }), ['HCMD-08']),
        verify('other-member-order', 'Member order does not matter to a verifier', tokenFor(host.secret, bodyOf(JSON.stringify({ op: 'lock', jti: JTI, iat: NOW, fp: ALICE_FP, room: ROOM, k: 'kbz-host-cmd.v1' }))), ['CONV-12']),
        verify('fractional-iat', 'A fractional iat is compared numerically', cmd({ iat: NOW - 0.5 }), ['CONV-03']),
        verify('high-s', 'A high-S signature is accepted', tokenHighS(host.secret, bodyOf(payloadJson())), ['TOK-08'], { flags: ['high-s'] }),
      ],
    },
    {
      name: 'verify-reject',
      description: 'hostcmd.verify: one vector per verification step [HCMD-08]',
      cases: [
        verify('empty-token', 'Empty token', '', ['HCMD-08'], { error: 'hostcmd.missing' }),
        verify('no-host-key', 'A room without a committed host key has no admin', cmd(), ['HCMD-01'], { hostKey: null, error: 'hostcmd.no-host-key' }),
        verify('bad-host-key', 'The committed host key is not a P-256 key', cmd(), ['HCMD-08'], { hostKey: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, error: 'hostcmd.bad-host-key' }),
        verify('empty-remote-fp', 'Unreadable certificate (empty string): fail closed, do not skip the binding', cmd(), ['HCMD-09'], { remoteFp: '', flags: ['fail-closed'], error: 'hostcmd.no-remote-fp' }),
        verify('null-remote-fp', 'Unreadable certificate (null): fail closed', cmd(), ['HCMD-09'], { remoteFp: null, flags: ['fail-closed'], error: 'hostcmd.no-remote-fp' }),
        verify('whitespace-remote-fp', 'A certificate fingerprint that is only whitespace is unreadable', cmd({ fp: ' ' }), ['HCMD-09'], { remoteFp: ' \t', flags: ['fail-closed'], error: 'hostcmd.no-remote-fp' }),
        verify('token-not-string', 'A token that is not a string is a missing command', 42, ['HCMD-08', 'ADP-08'], { error: 'hostcmd.missing' }),
        verify('host-key-not-object', 'A committed key that is not an object', cmd(), ['HCMD-08', 'ADP-08'], { hostKey: 'AAAA', error: 'hostcmd.bad-host-key' }),
        verify('malformed', 'Not a token', 'not-a-token', ['HCMD-08', 'TOK-06'], { error: 'token.malformed' }),
        verify('stranger-key', 'Signed by a key that is not the host key', cmd({}, [], stranger.secret), ['HCMD-01', 'HCMD-08'], { flags: ['non-host-key'], error: 'token.bad-signature' }),
        verify('over-json-bytes', 'Signature over the JSON bytes', tokenSignedOverJson(host.secret, payloadJson()), ['TOK-02', 'HCMD-08'], { flags: ['signed-json-bytes'], error: 'token.bad-signature' }),
        verify('der', 'DER signature', tokenWithDer(host.secret, bodyOf(payloadJson())), ['TOK-03', 'HCMD-08'], { flags: ['der-signature'], error: 'token.bad-signature' }),
        verify('array-payload', 'A signed JSON array', tokenFor(host.secret, bodyOf('["kbz-host-cmd.v1","standup"]')), ['TOK-01', 'HCMD-08'], { error: 'token.bad-payload' }),
        verify('wrong-kind', 'k names another version', cmd({ k: 'kbz-host-cmd.v2' }), ['HCMD-02'], { flags: ['cross-kind'], error: 'hostcmd.wrong-kind' }),
        verify('agent-assertion-kind', 'An agent assertion signed by the same key is not a command', cmd({ k: 'kbz-agent-key.v1' }), ['HCMD-02', 'TOK-10'], { flags: ['cross-kind'], error: 'hostcmd.wrong-kind' }),
        verify('no-kind', 'An invite-shaped payload without k', tokenFor(host.secret, bodyOf(JSON.stringify({ name: 'Ann', room: ROOM, exp: NOW + 600 }))), ['HCMD-02', 'TOK-10'], { flags: ['cross-kind'], error: 'hostcmd.wrong-kind' }),
        verify('wrong-room', 'Signed for another room', cmd({ room: 'retro' }), ['HCMD-08', 'ROOM-05'], { error: 'hostcmd.wrong-room' }),
        verify('room-is-peer-id', 'room holds the authority peer id instead of the room id', cmd({ room: `kbz-v1-${ROOM}` }), ['ROOM-05', 'HCMD-08'], { flags: ['peer-id-as-salt'], error: 'hostcmd.wrong-room' }),
        verify('room-case', 'room compared exactly (a raw name is not a room id)', cmd({ room: 'Standup' }), ['HCMD-08'], { error: 'hostcmd.wrong-room' }),
        verify('other-certificate', 'Bound to another certificate: replay on another connection', cmd({ fp: BOB_FP }), ['HCMD-10'], { flags: ['cert-binding'], error: 'hostcmd.not-cert-bound' }),
        verify('fp-missing', 'No fp member at all', cmd({}, ['fp']), ['HCMD-10'], { flags: ['cert-binding'], error: 'hostcmd.not-cert-bound' }),
        verify('fp-not-string', 'fp is a number', cmd({ fp: 42 }), ['HCMD-10'], { flags: ['cert-binding'], error: 'hostcmd.not-cert-bound' }),
        verify('fp-sha256-prefix', 'An algorithm prefix is not stripped, so it does not bind', cmd({ fp: `sha-256 ${ALICE_FP}` }), ['HCMD-10', 'CONV-11'], { flags: ['cert-binding', 'canonical-fp'], error: 'hostcmd.not-cert-bound' }),
        verify('unknown-op', 'op is not a host op', cmd({ op: 'ban' }), ['HCMD-04'], { error: 'hostcmd.unknown-op' }),
        verify('op-case', 'Op names are case-sensitive', cmd({ op: 'Lock' }), ['HCMD-04'], { error: 'hostcmd.unknown-op' }),
        verify('op-missing', 'No op', cmd({}, ['op']), ['HCMD-04'], { error: 'hostcmd.unknown-op' }),
        verify('iat-missing', 'No iat', cmd({}, ['iat']), ['HCMD-08'], { error: 'hostcmd.no-iat' }),
        verify('iat-string', 'iat as a string of digits', cmd({ iat: String(NOW) }), ['HCMD-08', 'CONV-03'], { error: 'hostcmd.no-iat' }),
        verify('future-61s', 'iat 61 s ahead', cmd({ iat: NOW + 61 }), ['HCMD-11'], { flags: ['boundary'], error: 'hostcmd.future' }),
        verify('future-hour', 'iat an hour ahead', cmd({ iat: NOW + 3600 }), ['HCMD-11'], { error: 'hostcmd.future' }),
        verify('past-121s', 'iat 121 s old', cmd({ iat: NOW - 121 }), ['HCMD-11'], { flags: ['boundary'], error: 'hostcmd.stale' }),
        verify('past-day', 'iat a day old', cmd({ iat: NOW - 86_400 }), ['HCMD-11'], { error: 'hostcmd.stale' }),
        verify('jti-number', 'A jti that is a number could not be replay-guarded', cmd({ jti: 12345 }), ['HCMD-18'], { flags: ['replay'], error: 'hostcmd.bad-jti' }),
        verify('jti-null', 'A jti that is null is present and not a string', cmd({ jti: null }), ['HCMD-18'], { flags: ['replay'], error: 'hostcmd.bad-jti' }),
        verify('order-stale-before-jti', 'Stale with a numeric jti: staleness is reported first', cmd({ jti: 7, iat: NOW - 500 }), ['HCMD-08'], { flags: ['check-order'], error: 'hostcmd.stale' }),
        verify('order-room-before-stale', 'Wrong room and stale: the room check comes first', cmd({ room: 'retro', iat: NOW - 500 }), ['HCMD-08'], { flags: ['check-order'], error: 'hostcmd.wrong-room' }),
        verify('order-signature-before-kind', 'Wrong key and wrong kind: the signature check comes first', cmd({ k: 'x' }, [], stranger.secret), ['HCMD-08', 'TOK-09'], { flags: ['check-order'], error: 'token.bad-signature' }),
        verify('order-binding-before-op', 'Unbound and unknown op: the binding check comes first', cmd({ fp: BOB_FP, op: 'ban' }), ['HCMD-08'], { flags: ['check-order', 'cert-binding'], error: 'hostcmd.not-cert-bound' }),
        verify('order-key-before-token', 'No host key and a malformed token: the key check comes first', 'garbage', ['HCMD-08'], { hostKey: null, flags: ['check-order'], error: 'hostcmd.no-host-key' }),
      ],
    },
    {
      name: 'process',
      description: 'hostcmd.process: the coordinator pipeline, size cap and jti replay window [HCMD-12..HCMD-15]',
      cases: [
        process('replay-rejected', 'The same command twice: the second is a replay', [seq(1)[0]!, seq(1)[0]!], ['HCMD-13'], ['replay']),
        process('distinct-accepted', 'Two commands with distinct jti', seq(2), ['HCMD-13'], ['replay']),
        process('legacy-no-jti-not-guarded', 'A command without jti is enacted every time it arrives', [
          { token: cmd({}, ['jti']), remoteFp: ALICE_FP, now: NOW },
          { token: cmd({}, ['jti']), remoteFp: ALICE_FP, now: NOW },
        ], ['HCMD-14'], ['legacy-no-jti']),
        process('rejected-not-recorded', 'A command rejected for staleness does not enter the window; a fresh one with the same jti is accepted', [
          { token: cmd({ iat: NOW - 200 }), remoteFp: ALICE_FP, now: NOW },
          { token: cmd(), remoteFp: ALICE_FP, now: NOW },
        ], ['HCMD-13'], ['replay']),
        process('window-holds-256', '256 distinct commands, then the first again: still in the window', [...seq(256), seq(1)[0]!], ['HCMD-13'], ['replay', 'boundary']),
        process('window-evicts-oldest', '257 distinct commands, then the first again: it was evicted and is accepted', [...seq(257), seq(1)[0]!], ['HCMD-13'], ['replay', 'boundary']),
        process('window-keeps-second', '257 distinct commands, then the second again: still in the window', [...seq(257), seq(1, 1)[0]!], ['HCMD-13'], ['replay', 'boundary']),
        process('oversize', 'A token of 8193 characters is dropped before verification', [{ token: 'A'.repeat(8193), remoteFp: ALICE_FP, now: NOW }], ['HCMD-12'], ['oversize', 'boundary']),
        process('cap-counts-utf16-bmp', '8192 BMP characters (16384 UTF-8 bytes) are within the cap: the length is in UTF-16 code units', [{ token: '\u00e9'.repeat(8192), remoteFp: ALICE_FP, now: NOW }], ['HCMD-12', 'CONV-17'], ['oversize', 'boundary']),
        process('cap-counts-utf16-astral', '4097 astral characters are 8194 UTF-16 code units: over the cap', [{ token: '\u{1F600}'.repeat(4097), remoteFp: ALICE_FP, now: NOW }], ['HCMD-12', 'CONV-17'], ['oversize', 'boundary']),
        process('cap-8192-then-verify', 'A token of exactly 8192 characters is verified (and fails as a token)', [{ token: 'A'.repeat(8192), remoteFp: ALICE_FP, now: NOW }], ['HCMD-12'], ['oversize', 'boundary']),
        process('empty-jti-guarded', 'An empty jti is a jti: the second copy is a replay (upstream enacts both)', [
          { token: cmd({ jti: '' }), remoteFp: ALICE_FP, now: NOW },
          { token: cmd({ jti: '' }), remoteFp: ALICE_FP, now: NOW },
        ], ['HCMD-20', 'HCMD-13'], ['replay'], 'Upstream tests the jti for truthiness and enacts both; HCMD-20 guards the empty string like any jti.'),
        process('order-missing-first', 'A token that is not a string is a missing command, whatever else is wrong', [{ token: 12345, remoteFp: null, now: NOW }], ['HCMD-21'], ['check-order']),
        process('order-oversize-before-key', 'An oversize token in a room with no host key: the size cap comes first', [{ token: 'A'.repeat(8193), remoteFp: null, now: NOW }], ['HCMD-21', 'HCMD-12'], ['check-order', 'oversize'], undefined, { noHostKey: true }),
        process('order-oversize-before-fp', 'An oversize token on a connection whose certificate is unreadable: the size cap comes first', [{ token: 'A'.repeat(8193), remoteFp: null, now: NOW }], ['HCMD-21', 'HCMD-12'], ['check-order', 'oversize']),
        process('order-replay-last', 'A replayed jti that is also stale: staleness is reported, the window is checked last', [
          { token: cmd(), remoteFp: ALICE_FP, now: NOW },
          { token: cmd(), remoteFp: ALICE_FP, now: NOW + 121 },
        ], ['HCMD-21', 'HCMD-13'], ['check-order', 'replay']),
        process('silent-failures-mixed', 'Rejections do not disturb later commands', [
          { token: cmd({ fp: BOB_FP, jti: jti(900) }), remoteFp: ALICE_FP, now: NOW },
          { token: cmd({ jti: jti(900) }), remoteFp: null, now: NOW },
          { token: cmd({ jti: jti(900) }), remoteFp: ALICE_FP, now: NOW },
        ], ['HCMD-13', 'HCMD-15', 'HCMD-09'], ['cert-binding', 'fail-closed'], 'Neither of the two rejections records the jti, so the third command is accepted.'),
      ],
    },
  ],
};
