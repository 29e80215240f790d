// Vectors for signed invites and room manifests (spec/12-admission.md 12.2, 12.3) and the member
// hash: one vector per verification step and boundary, cross-kind confusion between the two
// payloads that share the creator key, and the identity canonicalisation traps (NFKC, order).
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { memberHash } from '../../reference/admission/member-hash.ts';
import { bodyOf, tokenFor, tokenHighS, tokenSignedOverJson, tokenWithDer } from './craft.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';

const creator = ecKey('room creator');
const stranger = ecKey('stranger');
const agent = ecKey('notes agent');
const ROOM = 'standup';
const NOW = 1_700_000_000;
const EXP = NOW + 3600;

/** A token over exactly this JSON text (member order as written), signed by `signer`. */
const signed = (json: string, signer = creator.secret): string => tokenFor(signer, bodyOf(json));
const invite = (over: Record<string, unknown> = {}, drop: string[] = [], signer = creator.secret): string => {
  const p: Record<string, unknown> = { name: 'Ann', room: ROOM, exp: EXP, ...over };
  for (const d of drop) delete p[d];
  return signed(JSON.stringify(p), signer);
};
const manifestPayload = (over: Record<string, unknown> = {}, drop: string[] = []): Record<string, unknown> => {
  const p: Record<string, unknown> = { members: ['Ann', 'bob@acme.com'], mode: 'invite', room: ROOM, exp: EXP, ...over };
  for (const d of drop) delete p[d];
  return p;
};
const manifest = (over: Record<string, unknown> = {}, drop: string[] = [], signer = creator.secret): string => signed(JSON.stringify(manifestPayload(over, drop)), signer);

const sign = (name: string, description: string, input: JsonObject, covers: string[], o: { flags?: string[]; error?: string } = {}): Case => ({
  name, description, op: 'invite.sign', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { privateJwk: creator.priv as never, name: 'Ann', room: ROOM, exp: EXP, ...input },
});
const verifyInv = (name: string, description: string, token: JsonValue, covers: string[], o: { flags?: string[]; error?: string; now?: number; key?: JsonValue; room?: string; comment?: string } = {}): Case => ({
  name, description, op: 'invite.verify', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}),
  input: { token, creatorPublicJwk: (o.key === undefined ? creator.pub : o.key) as never, room: o.room ?? ROOM, now: o.now ?? NOW },
});
const verifyMan = (name: string, description: string, token: JsonValue, covers: string[], o: { flags?: string[]; error?: string; now?: number; key?: JsonValue; mode?: string; comment?: string } = {}): Case => ({
  name, description, op: 'manifest.verify', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}),
  input: { token, creatorPublicJwk: (o.key === undefined ? creator.pub : o.key) as never, room: ROOM, now: o.now ?? NOW, ...(o.mode ? { mode: o.mode } : {}) },
});
const admits = (name: string, description: string, m: Record<string, unknown>, identity: string, covers: string[], o: { flags?: string[]; error?: string; comment?: string } = {}): Case => ({
  name, description, op: 'manifest.admits', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}),
  input: { manifest: m as JsonObject, identity },
});
const open = (name: string, description: string, m: Record<string, unknown>, covers: string[], o: { flags?: string[]; error?: string } = {}): Case => ({
  name, description, op: 'manifest.humansOpen', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { manifest: m as JsonObject },
});
const hash = (name: string, description: string, identity: string, room: string, covers: string[], o: { flags?: string[]; comment?: string } = {}): Case => ({
  name, description, op: 'member.hash', covers, flags: o.flags ?? [], ...(o.comment ? { comment: o.comment } : {}),
  input: { identity, room },
});

const agentEntry = { key: agent.pub, label: 'notes-bot' } as unknown as JsonValue;
const mh = (ids: string[], room = ROOM): string[] => ids.map((i) => memberHash(i, room));

export const admissionTokenVectors: FileSpec = {
  file: 'admission',
  title: 'Admission: signed invites, room manifests, membership and the member hash',
  profile: 'admission',
  chapters: ['spec/12-admission.md', 'spec/03-signed-token.md'],
  notes: {
    'upstream-golden': { bugType: 'UPSTREAM_GOLDEN', description: 'A value frozen by upstream Kibitz\'s own tests (src/core/rosterHash.test.ts).' },
    'key-range': { bugType: 'BOUNDARY', description: 'A private scalar d at the group order n, one past the range [1, n - 1].' },
    'boundary': { bugType: 'BOUNDARY', description: 'exp exactly now (rejected: no leeway) or one second later (accepted).' },
    'check-order': { bugType: 'WRONG_ORDER', description: 'Several steps fail; the first failing step must be reported.' },
    'cross-kind': { bugType: 'AUTH_BYPASS', description: 'An invite, manifest or host command signed by the same key presented as another kind.' },
    'wrong-key': { bugType: 'AUTH_BYPASS', description: 'Signed by a key that is not the creator key from gk.' },
    'peer-id-as-room': { bugType: 'ENCODING', description: 'The kbz-v1- peer id, or a raw room name, where the room id is required.' },
    'canonical-identity': { bugType: 'ENCODING', description: 'NFKC, trim and lower-case, in that order (MAN-04); decomposed vs composed, compatibility forms, the U+00A8 and U+1D400 order traps.' },
    'hash-only': { bugType: 'AUTH_BYPASS', description: 'With a non-empty mh, only hashes count; a cleartext member must not match.' },
    'domains-only': { bugType: 'MISSING_STEP', description: 'domains alone are not an allow-list, and domains play no part in MAN-06.' },
    'agent-only': { bugType: 'EDGE_CASE', description: 'A manifest that commits agents and no human allow-list opens the room to humans.' },
    'mode-pin': { bugType: 'AUTH_BYPASS', description: 'A manifest for another gate mode where one mode is expected.' },
    'malformed': { bugType: 'EDGE_CASE', description: 'Members of the wrong type in a validly signed payload.' },
    'envelope': { bugType: 'WRONG_PRIMITIVE', description: 'The compact-token envelope done wrong (DER, JSON bytes signed, wrong key, not a token).' },
    'upstream': { bugType: 'INTEROP', description: 'Upstream behaviour kept (or hardened) as the chapter states.' },
  },
  groups: [
    {
      name: 'member-hash',
      description: 'member.hash: B64U(SHA-256(UTF-8(canonical(identity) "|" room))) [MAN-05], canonical per [MAN-04]',
      cases: [
        hash('golden', 'Upstream\'s frozen value: alice@acme.com in standup', 'alice@acme.com', 'standup', ['MAN-05'], { flags: ['upstream-golden'] }),
        hash('canonical-case-space', 'Case and surrounding spaces do not change the hash', '  Alice@ACME.com\t', 'standup', ['MAN-04', 'MAN-05'], { flags: ['canonical-identity'], comment: 'Same hash as the golden vector.' }),
        hash('other-room', 'The room id salts the hash', 'alice@acme.com', 'retro', ['MAN-05']),
        hash('nfkc-decomposed', 'e + U+0301 hashes like U+00E9 (NFKC composes)', 'jose\u0301@x.com', 'standup', ['MAN-04'], { flags: ['canonical-identity'] }),
        hash('nfkc-composed', 'U+00E9, the composed twin of the previous vector', 'jos\u00e9@x.com', 'standup', ['MAN-04'], { flags: ['canonical-identity'] }),
        hash('nfkc-fullwidth', 'Fullwidth letters fold to ASCII under NFKC', '\uff41\uff4c\uff49\uff43\uff45@acme.com', 'standup', ['MAN-04'], { flags: ['canonical-identity'], comment: 'Same hash as the golden vector.' }),
        hash('order-diaeresis', 'U+00A8 becomes " \\u0308" under NFKC; the trim after NFKC removes the space', '\u00a8alice', 'standup', ['MAN-04'], { flags: ['canonical-identity'], comment: 'Trimming before NFKC keeps the space and gives another hash.' }),
        hash('order-math-bold', 'U+1D400 lower-cases only after NFKC has made it "A"', '\u{1d400}lice@acme.com', 'standup', ['MAN-04'], { flags: ['canonical-identity'], comment: 'Same hash as the golden vector; lower-casing first leaves it upper-case.' }),
        hash('empty-identity', 'The empty identity hashes "|standup"', '', 'standup', ['MAN-05']),
        hash('pipe-in-identity', 'A "|" inside the identity is hashed as is', 'a|b', 'standup', ['MAN-05']),
        hash('kelvin', 'U+212A KELVIN SIGN canonicalises to k', '\u212aate@x.com', 'standup', ['MAN-04'], { flags: ['canonical-identity'] }),
      ],
    },
    {
      name: 'invite-sign',
      description: 'invite.sign: payload {name, room, exp} in that order [INV-01], trimmed non-empty name [INV-02]',
      cases: [
        sign('basic', 'Sign an invite for Ann', {}, ['INV-01']),
        sign('trims-name', 'The signer trims the name', { name: '  Ann \n' }, ['INV-02', 'CONV-08']),
        sign('unicode-name', 'Non-ASCII names are written as UTF-8, not escaped', { name: 'Zoë Ω' }, ['INV-01', 'CONV-15']),
        sign('escaped-name', 'Quotes, backslashes and controls are escaped as JSON.stringify does', { name: 'A "b" \\ c\u0001' }, ['INV-01', 'CONV-15']),
        sign('empty-name', 'An empty name is refused', { name: '' }, ['INV-02'], { error: 'invite.no-name' }),
        sign('blank-name', 'A name of only whitespace is refused', { name: ' \t\u00a0 ' }, ['INV-02'], { error: 'invite.no-name' }),
        sign('public-key-only', 'A public key cannot sign', { privateJwk: creator.pub as never }, ['INV-01', 'TOK-05'], { error: 'key.bad-jwk' }),
        sign('private-d-equals-n', 'A private key whose d equals the group order n is out of range [1, n - 1]', { privateJwk: { ...creator.priv, d: '_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE' } as never }, ['TOK-05', 'INV-01'], { flags: ['key-range'], error: 'key.bad-jwk' }),
        sign('fractional-exp', 'exp is whole seconds', { exp: EXP + 0.5 }, ['INV-01', 'CONV-02', 'ADP-08'], { error: 'input.invalid' }),
        { ...sign('key-absent', 'No privateJwk at all: key import refuses it (ADP-08), not the input check', {}, ['TOK-11', 'ADP-08'], { error: 'key.bad-jwk' }), input: { name: 'Ann', room: ROOM, exp: EXP } },
      ],
    },
    {
      name: 'invite-valid',
      description: 'invite.verify: invites a coordinator must accept [INV-03], [INV-04]',
      cases: [
        verifyInv('basic', 'A valid invite yields its name', invite(), ['INV-03']),
        verifyInv('exp-now-plus-1', 'exp one second after now is valid', invite({ exp: NOW + 1 }), ['INV-04'], { flags: ['boundary'] }),
        verifyInv('name-untrimmed', 'The verifier returns the name as signed, spaces included', invite({ name: ' Ann ' }), ['INV-03']),
        verifyInv('member-order', 'Member order does not matter to a verifier', signed(JSON.stringify({ exp: EXP, room: ROOM, name: 'Ann' })), ['INV-03', 'CONV-12']),
        verifyInv('extra-members', 'Unknown members are ignored', invite({ note: { x: 1 } }), ['INV-03']),
        verifyInv('high-s', 'A high-S signature verifies', tokenHighS(creator.secret, bodyOf(JSON.stringify({ name: 'Ann', room: ROOM, exp: EXP }))), ['INV-03', 'TOK-08'], { flags: ['envelope'] }),
        verifyInv('fractional-exp', 'A fractional exp is compared numerically', invite({ exp: NOW + 0.5 }), ['INV-03', 'CONV-03']),
        verifyInv('reused', 'An invite is a bearer token: verifying it again, later, still succeeds', invite(), ['INV-05'], { now: NOW + 1800 }),
      ],
    },
    {
      name: 'invite-reject',
      description: 'invite.verify: one vector per step [INV-03]',
      cases: [
        verifyInv('exp-now', 'exp equal to now is expired: no leeway', invite({ exp: NOW }), ['INV-04'], { flags: ['boundary'], error: 'invite.expired' }),
        verifyInv('exp-now-minus-1', 'exp one second before now', invite({ exp: NOW - 1 }), ['INV-04'], { flags: ['boundary'], error: 'invite.expired' }),
        verifyInv('exp-missing', 'No exp', invite({}, ['exp']), ['INV-03'], { error: 'invite.expired' }),
        verifyInv('exp-string', 'exp as a string of digits', invite({ exp: String(EXP) }), ['INV-03', 'CONV-03'], { error: 'invite.expired' }),
        verifyInv('exp-null', 'exp null', invite({ exp: null }), ['INV-03'], { error: 'invite.expired' }),
        verifyInv('wrong-room', 'Signed for another room', invite({ room: 'retro' }), ['INV-03'], { error: 'invite.wrong-room' }),
        verifyInv('room-is-peer-id', 'room holds the authority peer id', invite({ room: `kbz-v1-${ROOM}` }), ['INV-03', 'ROOM-05'], { flags: ['peer-id-as-room'], error: 'invite.wrong-room' }),
        verifyInv('room-is-name', 'room compared exactly: a raw room name is not the room id', invite({ room: 'Standup' }), ['INV-03'], { flags: ['peer-id-as-room'], error: 'invite.wrong-room' }),
        verifyInv('room-missing', 'No room member', invite({}, ['room']), ['INV-03'], { error: 'invite.wrong-room' }),
        verifyInv('name-empty', 'An empty name', invite({ name: '' }), ['INV-03'], { error: 'invite.no-name' }),
        verifyInv('name-missing', 'No name member', invite({}, ['name']), ['INV-03'], { error: 'invite.no-name' }),
        verifyInv('name-number', 'A numeric name (upstream accepts any truthy value)', invite({ name: 7 }), ['INV-03'], { flags: ['upstream'], error: 'invite.no-name' }),
        verifyInv('stranger-key', 'Signed by a key other than gk', invite({}, [], stranger.secret), ['INV-03', 'TOK-06'], { flags: ['wrong-key'], error: 'token.bad-signature' }),
        verifyInv('manifest-as-invite', 'A manifest signed by the same creator key is not an invite', manifest(), ['INV-03', 'TOK-10'], { flags: ['cross-kind'], error: 'invite.no-name' }),
        verifyInv('hostcmd-as-invite', 'A host-command payload signed by the creator key has no exp', signed(JSON.stringify({ k: 'kbz-host-cmd.v1', room: ROOM, fp: 'ab:cd', op: 'claim', iat: NOW, jti: '0'.repeat(24) })), ['INV-03', 'TOK-10'], { flags: ['cross-kind'], error: 'invite.expired' }),
        verifyInv('order-room-before-exp', 'Wrong room and expired: the room step comes first', invite({ room: 'retro', exp: NOW - 5 }), ['INV-03'], { flags: ['check-order'], error: 'invite.wrong-room' }),
        verifyInv('order-exp-before-name', 'Expired and nameless: the expiry step comes first', invite({ exp: NOW }, ['name']), ['INV-03'], { flags: ['check-order'], error: 'invite.expired' }),
        verifyInv('order-signature-first', 'Wrong key, wrong room and expired: the signature comes first', invite({ room: 'retro', exp: 1 }, [], stranger.secret), ['INV-03', 'TOK-09'], { flags: ['check-order', 'wrong-key'], error: 'token.bad-signature' }),
        verifyInv('der', 'DER signature', tokenWithDer(creator.secret, bodyOf(JSON.stringify({ name: 'Ann', room: ROOM, exp: EXP }))), ['INV-03', 'TOK-03'], { flags: ['envelope'], error: 'token.bad-signature' }),
        verifyInv('over-json-bytes', 'Signature over the JSON bytes instead of the body text', tokenSignedOverJson(creator.secret, JSON.stringify({ name: 'Ann', room: ROOM, exp: EXP })), ['INV-03', 'TOK-02'], { flags: ['envelope'], error: 'token.bad-signature' }),
        verifyInv('not-a-token', 'Not a token at all', 'Ann', ['INV-03', 'TOK-06'], { flags: ['envelope'], error: 'token.malformed' }),
        verifyInv('token-number', 'A token that is not a string', 42, ['INV-03', 'ADP-08'], { error: 'token.malformed' }),
        { ...verifyInv('token-absent', 'No token member: it reaches TOK-06 step 2 like any non-string (ADP-08)', null, ['INV-03', 'ADP-08'], { error: 'token.malformed' }), input: { creatorPublicJwk: creator.pub as never, room: ROOM, now: NOW } },
        verifyInv('array-payload', 'A signed JSON array', signed('["Ann","standup"]'), ['INV-03', 'TOK-01'], { error: 'token.bad-payload' }),
        verifyInv('no-creator-key', 'No creator key (gk absent or dropped)', invite(), ['INV-03', 'LINK-08'], { key: null, error: 'token.bad-key' }),
        verifyInv('bad-creator-key', 'gk is not a P-256 key', invite(), ['INV-03', 'TOK-05'], { key: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, error: 'token.bad-key' }),
      ],
    },
    {
      name: 'manifest-valid',
      description: 'manifest.verify: manifests a peer must accept [MAN-02], [MAN-03]',
      cases: [
        verifyMan('invite-roster', 'A signed invite-mode roster', manifest(), ['MAN-02']),
        verifyMan('pinned-mode', 'The expected mode matches', manifest(), ['MAN-02'], { mode: 'invite', flags: ['mode-pin'] }),
        verifyMan('google-roster', 'A google roster with domains and a published invitee list', manifest({
          members: ['alice@acme.com', 'carol@x.com'], domains: ['acme.com'], mode: 'google',
          invitees: [{ method: 'signin', id: 'alice@acme.com', name: 'Alice' }, { method: 'oidc', domain: 'acme.com', name: 'Anyone at Acme' }, { method: 'mail', id: 'carol@x.com', name: 'Carol' }],
        }), ['MAN-02', 'MAN-01'], { mode: 'google' }),
        verifyMan('hashed-only', 'A roster committed only as hashes (members empty)', manifest({ members: [], mh: mh(['alice@acme.com']) }), ['MAN-02']),
        verifyMan('agent-only', 'Agents only, no human allow-list', manifest({ members: [], agentKeys: [agentEntry] }), ['MAN-02'], { flags: ['agent-only'] }),
        verifyMan('members-absent-mh', 'members absent, mh present', manifest({ mh: mh(['alice@acme.com']) }, ['members']), ['MAN-02']),
        verifyMan('exp-now-plus-1', 'exp one second after now', manifest({ exp: NOW + 1 }), ['MAN-03'], { flags: ['boundary'] }),
        verifyMan('no-pin-other-mode', 'With no expected mode any mode is accepted', manifest({ mode: 'names' }), ['MAN-02']),
        verifyMan('extra-members', 'Unknown members are kept and ignored', manifest({ policy: 'legacy-doc' }), ['MAN-02'], { flags: ['upstream'] }),
        { ...verifyMan('empty-mode-expects-none', 'An expected mode of "" is no expectation (upstream tests it for truthiness): a names roster verifies', manifest({ mode: 'names' }), ['MAN-02'], { flags: ['upstream', 'mode-pin'] }), input: { token: manifest({ mode: 'names' }), creatorPublicJwk: creator.pub as never, room: ROOM, now: NOW, mode: '' } },
      ],
    },
    {
      name: 'manifest-reject',
      description: 'manifest.verify: one vector per step [MAN-02]',
      cases: [
        verifyMan('stranger-key', 'Signed by another key', manifest({}, [], stranger.secret), ['MAN-02'], { flags: ['wrong-key'], error: 'token.bad-signature' }),
        verifyMan('wrong-room', 'For another room', manifest({ room: 'retro' }), ['MAN-02'], { error: 'manifest.wrong-room' }),
        verifyMan('room-is-peer-id', 'room holds the authority peer id', manifest({ room: `kbz-v1-${ROOM}` }), ['MAN-02', 'ROOM-05'], { flags: ['peer-id-as-room'], error: 'manifest.wrong-room' }),
        verifyMan('wrong-mode', 'An invite roster where a google roster is expected', manifest(), ['MAN-02'], { mode: 'google', flags: ['mode-pin'], error: 'manifest.wrong-mode' }),
        verifyMan('mode-missing', 'No mode where one is expected', manifest({}, ['mode']), ['MAN-02'], { mode: 'invite', flags: ['mode-pin'], error: 'manifest.wrong-mode' }),
        verifyMan('exp-now', 'exp equal to now: no leeway', manifest({ exp: NOW }), ['MAN-03'], { flags: ['boundary'], error: 'manifest.expired' }),
        verifyMan('exp-now-minus-1', 'exp one second before now', manifest({ exp: NOW - 1 }), ['MAN-03'], { flags: ['boundary'], error: 'manifest.expired' }),
        verifyMan('exp-missing', 'No exp', manifest({}, ['exp']), ['MAN-02'], { error: 'manifest.expired' }),
        verifyMan('exp-string', 'exp as a string', manifest({ exp: String(EXP) }), ['MAN-02', 'CONV-03'], { error: 'manifest.expired' }),
        verifyMan('empty-members', 'members empty and nothing else', manifest({ members: [] }), ['MAN-02'], { error: 'manifest.no-members' }),
        verifyMan('domains-only', 'domains alone are not an allow-list', manifest({ members: [], domains: ['acme.com'] }), ['MAN-02'], { flags: ['domains-only'], error: 'manifest.no-members' }),
        verifyMan('empty-mh-and-members', 'mh and members both empty', manifest({ members: [], mh: [] }), ['MAN-02'], { error: 'manifest.no-members' }),
        verifyMan('empty-agent-keys', 'agentKeys empty, members empty', manifest({ members: [], agentKeys: [] }), ['MAN-02'], { error: 'manifest.no-members' }),
        verifyMan('members-string', 'members as a string is not a non-empty array', manifest({ members: 'Ann' }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.no-members' }),
        verifyMan('member-number', 'A member that is a number', manifest({ members: ['Ann', 5] }), ['MAN-02'], { flags: ['malformed', 'upstream'], error: 'manifest.malformed' }),
        verifyMan('mh-null-entry', 'An mh entry that is null', manifest({ members: [], mh: [null] }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
        verifyMan('domains-string', 'domains as a string', manifest({ domains: 'acme.com' }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
        verifyMan('agent-keys-object', 'agentKeys as an object', manifest({ agentKeys: { key: 1 } }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
        verifyMan('domains-null', 'domains present as null: a member whose value is null is present, and null is not an array', manifest({ domains: null }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
        verifyMan('agent-keys-null', 'agentKeys present as null beside members', manifest({ agentKeys: null }), ['MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
        { ...verifyMan('token-absent', 'No token member: it reaches TOK-06 step 2 (ADP-08)', null, ['MAN-02', 'ADP-08'], { error: 'token.malformed' }), input: { creatorPublicJwk: creator.pub as never, room: ROOM, now: NOW } },
        verifyMan('invite-as-manifest', 'An invite signed by the same key is not a manifest', invite(), ['MAN-02', 'TOK-10'], { flags: ['cross-kind'], error: 'manifest.no-members' }),
        verifyMan('invite-as-manifest-pinned', 'An invite where an invite-mode manifest is expected', invite(), ['MAN-02', 'TOK-10'], { mode: 'invite', flags: ['cross-kind', 'mode-pin'], error: 'manifest.wrong-mode' }),
        verifyMan('order-room-before-mode', 'Wrong room and wrong mode: the room comes first', manifest({ room: 'retro' }), ['MAN-02'], { mode: 'google', flags: ['check-order'], error: 'manifest.wrong-room' }),
        verifyMan('order-mode-before-exp', 'Wrong mode and expired: the mode comes first', manifest({ exp: NOW }), ['MAN-02'], { mode: 'google', flags: ['check-order'], error: 'manifest.wrong-mode' }),
        verifyMan('order-exp-before-members', 'Expired and empty: the expiry comes first', manifest({ exp: NOW, members: [] }), ['MAN-02'], { flags: ['check-order'], error: 'manifest.expired' }),
        verifyMan('order-members-before-shape', 'No allow-list and malformed domains: no-members comes first', manifest({ members: [], domains: 'x' }), ['MAN-02'], { flags: ['check-order'], error: 'manifest.no-members' }),
        verifyMan('no-creator-key', 'No creator key', manifest(), ['MAN-02', 'LINK-08'], { key: null, error: 'token.bad-key' }),
        verifyMan('der', 'DER signature', tokenWithDer(creator.secret, bodyOf(JSON.stringify(manifestPayload()))), ['MAN-02', 'TOK-03'], { flags: ['envelope'], error: 'token.bad-signature' }),
      ],
    },
    {
      name: 'admits',
      description: 'manifest.admits: canonical cleartext matching, hash-only matching when mh is present [MAN-06], [MAN-07]',
      cases: [
        admits('cleartext-case-space', 'Case and surrounding spaces do not matter', manifestPayload({ members: ['Alice@Acme.com'] }), '  ALICE@acme.com ', ['MAN-06', 'MAN-04']),
        admits('non-member', 'A name that is not listed', manifestPayload(), 'Dave', ['MAN-06']),
        admits('empty-identity', 'The empty identity is never admitted', manifestPayload({ members: ['', 'Ann'] }), '', ['MAN-06']),
        admits('nfkc-decomposed', 'A decomposed identity matches a composed member', manifestPayload({ members: ['jos\u00e9@x.com'] }), 'jose\u0301@x.com', ['MAN-04', 'MAN-06'], { flags: ['canonical-identity'] }),
        admits('nfkc-fullwidth', 'A fullwidth identity matches its ASCII member', manifestPayload({ members: ['alice@acme.com'] }), '\uff41lice@acme.com', ['MAN-04', 'MAN-06'], { flags: ['canonical-identity'] }),
        admits('order-diaeresis', 'NFKC before trim: "\\u00a8alice" matches "\\u0308alice"', manifestPayload({ members: ['\u0308alice'] }), '\u00a8alice', ['MAN-04'], { flags: ['canonical-identity'] }),
        admits('order-math-bold', 'NFKC before lower-case: U+1D400 "A" matches "a"', manifestPayload({ members: ['alice@acme.com'] }), '\u{1d400}lice@acme.com', ['MAN-04'], { flags: ['canonical-identity'] }),
        admits('hash-listed', 'mh lists the identity\'s hash', manifestPayload({ members: [], mh: mh(['alice@acme.com', 'bob@x.com']) }), 'ALICE@acme.com ', ['MAN-06'], { flags: ['hash-only'] }),
        admits('hash-not-listed', 'A hashed roster without the identity', manifestPayload({ members: [], mh: mh(['alice@acme.com']) }), 'eve@x.com', ['MAN-06'], { flags: ['hash-only'] }),
        admits('hash-only-cleartext-ignored', 'With mh present, a cleartext member must not match', manifestPayload({ members: ['bob@x.com'], mh: mh(['alice@acme.com']) }), 'bob@x.com', ['MAN-06'], { flags: ['hash-only'] }),
        admits('hash-room-bound', 'A hash minted for another room never matches', manifestPayload({ members: [], mh: mh(['alice@acme.com'], 'retro') }), 'alice@acme.com', ['MAN-06', 'MAN-05'], { flags: ['hash-only'] }),
        admits('hash-uses-manifest-room', 'The hash salt is the manifest\'s own room', manifestPayload({ room: 'retro', members: [], mh: mh(['alice@acme.com'], 'retro') }), 'alice@acme.com', ['MAN-05', 'MAN-06'], { flags: ['hash-only'] }),
        admits('empty-mh-falls-back', 'An empty mh falls back to cleartext members', manifestPayload({ members: ['alice@acme.com'], mh: [] }), 'alice@acme.com', ['MAN-06']),
        admits('domains-not-used', 'domains play no part in manifest membership', manifestPayload({ members: ['alice@acme.com'], domains: ['acme.com'] }), 'carol@acme.com', ['MAN-07'], { flags: ['domains-only'] }),
        admits('agent-only-admits-no-one', 'A manifest without members admits no human identity', manifestPayload({ agentKeys: [agentEntry] }, ['members']), 'Ann', ['MAN-06'], { flags: ['agent-only'] }),
        admits('malformed-member', 'A member that is not a string', manifestPayload({ members: [1] }), 'Ann', ['MAN-06'], { flags: ['malformed'], error: 'manifest.malformed' }),
        admits('malformed-room', 'room that is not a string', manifestPayload({ room: 7 }), 'Ann', ['MAN-06'], { flags: ['malformed'], error: 'manifest.malformed' }),
        admits('malformed-before-empty-identity', 'A malformed manifest is malformed whatever the identity, the empty one included', manifestPayload({ members: [1] }), '', ['MAN-06'], { flags: ['malformed', 'check-order'], error: 'manifest.malformed' }),
        admits('blank-identity-not-empty', 'Emptiness is judged on the identity as given: "  " is not empty, and its canonical form "" equals the canonical form of " "', manifestPayload({ members: [' '] }), '  ', ['MAN-06', 'MAN-04'], { flags: ['upstream'], comment: 'Upstream tests the identity for truthiness before canonicalising it.' }),
      ],
    },
    {
      name: 'humans-open',
      description: 'manifest.humansOpen: agents committed and no cleartext members or domains [MAN-08]',
      cases: [
        open('agent-only', 'Agents and no human allow-list: humans are open', manifestPayload({ members: [], agentKeys: [agentEntry] }), ['MAN-08'], { flags: ['agent-only'] }),
        open('agents-and-members', 'Agents and members: humans are gated', manifestPayload({ agentKeys: [agentEntry] }), ['MAN-08']),
        open('agents-and-domains', 'Agents and domains: humans are gated', manifestPayload({ members: [], domains: ['acme.com'], agentKeys: [agentEntry] }), ['MAN-08']),
        open('agents-and-mh', 'Agents and a hashed roster: MAN-08 does not look at mh (see PRES-85)', manifestPayload({ members: [], mh: mh(['alice@acme.com']), agentKeys: [agentEntry] }), ['MAN-08'], { flags: ['upstream'] }),
        open('no-agents', 'No agents: not open', manifestPayload(), ['MAN-08']),
        open('empty-agent-list', 'An empty agentKeys list: not open', manifestPayload({ members: [], agentKeys: [] }), ['MAN-08']),
        open('malformed', 'agentKeys that is not an array', manifestPayload({ members: [], agentKeys: 'bot' }), ['MAN-08', 'MAN-02'], { flags: ['malformed'], error: 'manifest.malformed' }),
      ],
    },
  ],
};
