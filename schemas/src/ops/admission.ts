// Op contracts of the `admission` profile (see ./types.ts): spec/12-admission.md 12.8. `errors`
// lists every code an op may answer besides `input.invalid`, in step order.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { anyValue, B64U_DECODABLE_PATTERN, input, maybe, oneOf, output, signingTime } from './shapes.ts';

const CH = 'spec/12-admission.md';
const TOKEN_ERRORS = ['token.bad-key', 'token.malformed', 'token.bad-encoding', 'token.bad-signature', 'token.bad-payload'] as const;
const SEAL_OPEN_ERRORS = ['seal.bad-encoding', 'seal.too-short', 'seal.unknown-version', 'seal.open-failed'] as const;
const GATE_MODES = ['open', 'names', 'code', 'email', 'google', 'invite'] as const;

const Binary = (description: string) => Type.String({ pattern: B64U_DECODABLE_PATTERN, description: `${description} (base64url).` });
const Now = Type.Number({ description: 'Epoch seconds; any number is compared (CONV-03).' });
const RoomId = Type.String({ description: 'The room id (ROOM-05), used as given.' });
const Jwk = Type.Record(Type.String(), Type.Unknown(), { description: 'A JWK object.' });
const Manifest = Type.Record(Type.String(), Type.Unknown(), { description: 'A manifest payload (12.3), as verified.' });
const StringList = (description: string) => Type.Array(Type.String(), { description });

/** Decoded link parameters, keyed by their wire names (12.8). */
const LinkParams = Type.Object(
  {
    g: oneOf(GATE_MODES, 'The gate mode (LINK-05).'),
    gn: Type.Optional(StringList('Allowed names (LINK-07).')),
    gk: Type.Optional(Jwk),
    gm: Type.Optional(Type.String({ description: 'The manifest token.' })),
    ge: Type.Optional(Type.String({ description: 'The sealed manifest.' })),
    gc: Type.Optional(Type.String({ description: 'The OAuth client id.' })),
    gt: Type.Optional(Type.String({ description: 'This guest\'s invite token.' })),
    gh: Type.Optional(Jwk),
    ghk: Type.Optional(Type.String({ description: 'The sealed host private key.' })),
    ghn: Type.Optional(Type.String({ description: 'The soft-host name.' })),
    gho: Type.Optional(Type.String({ description: 'The OIDC host e-mail.' })),
    gl: Type.Optional(Type.Literal(true, { description: 'Lobby on at start.' })),
    gd: Type.Optional(StringList('Display-only claim list (LINK-07).')),
    d: Type.Optional(Type.String({ description: 'Room description (display only).' })),
    ag: Type.Optional(Type.String({ description: 'Agent-call kind (display only).' })),
    n: Type.Optional(Type.String({ description: 'Consent notice (display only).' })),
  },
  { additionalProperties: false, description: 'The decoded parameters (LINK-04 to LINK-09).' },
);
const BuildParams = Type.Object(
  {
    g: maybe(oneOf(GATE_MODES, 'The gate mode; absent or open is not written.'), 'Absent or null: not written (10.4).'),
    gn: maybe(StringList('Names, joined by "," (LINK-02).'), 'Absent or null: not written (10.4).'),
    gk: maybe(Jwk, 'Absent or null: not written (10.4).'),
    gm: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    ge: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    gc: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    gt: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    gh: maybe(Jwk, 'Absent or null: not written (10.4).'),
    ghk: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    ghn: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    gho: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    gl: maybe(Type.Boolean(), 'Absent or null: not written (10.4).'),
    gd: maybe(StringList('Claims, joined by ",".'), 'Absent or null: not written (10.4).'),
    d: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    ag: maybe(Type.String(), 'Absent or null: not written (10.4).'),
    n: maybe(Type.String(), 'Absent or null: not written (10.4).'),
  },
  { additionalProperties: false, description: 'Parameters in the decoded form link.parse returns.' },
);

const Peer = Type.Object(
  { id: Type.String({ description: 'The peer\'s media id.' }), identity: maybe(Type.String(), 'Its verified identity, or null/absent while none.') },
  { description: 'A present peer.' },
);
const GateInput = {
  members: maybe(StringList('The roster\'s members.'), 'Absent or null: none.'),
  domains: maybe(StringList('The roster\'s domains.'), 'Absent or null: none.'),
  self: maybe(Type.String(), 'This peer\'s verified identity.'),
  peers: maybe(Type.Array(Peer), 'Every other present peer; absent or null: none (10.4).'),
};
const PeerState = oneOf(['pending', 'verified', 'rejected'], 'RGATE-02.');

const ExchangeStep = Type.Object(
  { type: oneOf(['roster', 'signin', 'receive', 'link', 'query', 'verified'], 'The event kind (12.8); its other members depend on it.') },
  { description: 'One exchange event.' },
);
const ExchangeOutput = Type.Object(
  {
    step: Type.Integer({ minimum: 1, description: '1-based index of the event that produced it.' }),
    type: oneOf(['send', 'verify', 'identity'], 'The output kind (12.8).'),
  },
  { description: 'One output, tagged with its step.' },
);

export const ADMISSION_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'room.forUrl', profile: 'admission', chapter: CH,
    summary: 'The page room of a URL: FNV-1a-32 of host and path (LINK-13).',
    input: input({ url: Type.String({ description: 'An absolute URL.' }) }),
    output: output({ room: Type.String({ description: 'The room id.' }) }),
    errors: ['link.bad-url'],
  },
  {
    op: 'member.hash', profile: 'admission', chapter: CH,
    summary: 'The member hash of an identity in a room (MAN-04, MAN-05).',
    input: input({ identity: Type.String(), room: RoomId }),
    output: output({ hash: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'B64U(SHA-256(...)).' }) }),
    errors: [],
  },
  {
    op: 'link.parse', profile: 'admission', chapter: CH,
    summary: 'The room id and the decoded parameters of a room link (LINK-03 to LINK-09).',
    input: input({ url: Type.String() }),
    output: output({ room: Type.String({ description: 'The room id.' }), params: LinkParams }),
    errors: ['link.bad-url', 'link.bad-room'],
  },
  {
    op: 'link.build', profile: 'admission', chapter: CH,
    summary: 'A room link with every parameter in the fragment, in order (LINK-01, LINK-02).',
    input: input({ base: Type.String({ pattern: '^[^#]*$', description: 'The URL before the fragment; no "#".' }), room: Type.String(), params: BuildParams }),
    output: output({ url: Type.String() }),
    errors: ['link.bad-param'],
  },
  {
    op: 'link.share', profile: 'admission', chapter: CH,
    summary: 'A copy of a link for others, without control secrets and gt (LINK-11, LINK-12).',
    input: input({ url: Type.String() }),
    output: output({ url: Type.String() }),
    errors: [],
  },
  {
    op: 'invite.sign', profile: 'admission', chapter: CH,
    summary: 'Sign an invite {name, room, exp} with the creator key (INV-01, INV-02).',
    input: input({ privateJwk: Type.Optional(anyValue('The creator\'s private JWK; absent or any JSON type reaches the key import step, ADP-08.')), name: Type.String(), room: RoomId, exp: signingTime('Expiry, epoch seconds.') }),
    output: output({ token: Type.String() }),
    errors: ['key.bad-jwk', 'invite.no-name'],
    comparison: 'signed-token',
  },
  {
    op: 'invite.verify', profile: 'admission', chapter: CH,
    summary: 'Verify an invite against the creator key, the room and the time (INV-03, INV-04).',
    input: input({ token: Type.Optional(anyValue('The invite token; absent or any JSON type reaches TOK-06 (ADP-08).')), creatorPublicJwk: Type.Optional(anyValue('The creator key from gk.')), room: RoomId, now: Now }),
    output: output({ name: Type.String() }),
    errors: [...TOKEN_ERRORS, 'invite.wrong-room', 'invite.expired', 'invite.no-name'],
  },
  {
    op: 'manifest.verify', profile: 'admission', chapter: CH,
    summary: 'Verify a manifest against the creator key, the room, the mode and the time (MAN-02, MAN-03).',
    input: input({ token: Type.Optional(anyValue('The manifest token; absent or any JSON type reaches TOK-06 (ADP-08).')), creatorPublicJwk: Type.Optional(anyValue('The creator key from gk.')), room: RoomId, now: Now, mode: maybe(Type.String(), 'The expected mode; absent, null or "" expects none (MAN-02 step 3).') }),
    output: output({ manifest: Manifest }),
    errors: [...TOKEN_ERRORS, 'manifest.wrong-room', 'manifest.wrong-mode', 'manifest.expired', 'manifest.no-members', 'manifest.malformed'],
  },
  {
    op: 'manifest.admits', profile: 'admission', chapter: CH,
    summary: 'Whether a manifest admits an identity: hash-only with mh, else canonical cleartext (MAN-06).',
    input: input({ manifest: Manifest, identity: Type.String() }),
    output: output({ allowed: Type.Boolean() }),
    errors: ['manifest.malformed'],
  },
  {
    op: 'manifest.humansOpen', profile: 'admission', chapter: CH,
    summary: 'Whether a manifest opens the room to humans (MAN-08).',
    input: input({ manifest: Manifest }),
    output: output({ open: Type.Boolean() }),
    errors: ['manifest.malformed'],
  },
  {
    op: 'seal.seal', profile: 'admission', chapter: CH,
    summary: 'Seal a plaintext under a passphrase with a given version, salt and IV (SEAL-01 to SEAL-04).',
    input: input({
      passphrase: Type.String(),
      plaintext: Type.String(),
      version: Type.Integer({ description: 'The version byte.' }),
      salt: Type.String({ pattern: '^[A-Za-z0-9_-]{21}[AQgw](?:==)?$', description: '16 bytes (base64url).' }),
      iv: Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: '12 bytes (base64url).' }),
    }),
    output: output({ blob: Type.String() }),
    errors: ['seal.unknown-version'],
  },
  {
    op: 'seal.open', profile: 'admission', chapter: CH,
    summary: 'Open a sealed blob (SEAL-05, SEAL-06).',
    input: input({ passphrase: Type.String(), blob: Type.String() }),
    output: output({ plaintext: Type.String() }),
    errors: [...SEAL_OPEN_ERRORS],
  },
  {
    op: 'hostkey.unseal', profile: 'admission', chapter: CH,
    summary: 'Unseal the host private key of ghk (SEAL-07).',
    input: input({ password: Type.String(), blob: Type.String() }),
    output: output({ privateJwk: Jwk }),
    errors: [...SEAL_OPEN_ERRORS, 'hostkey.bad-key'],
  },
  {
    op: 'manifest.unseal', profile: 'admission', chapter: CH,
    summary: 'Open a sealed manifest (ge) and verify what it holds as a manifest (SEAL-08).',
    input: input({
      passphrase: Type.String(),
      blob: Type.String(),
      creatorPublicJwk: Type.Optional(anyValue('The creator key from gk.')),
      room: RoomId,
      now: Now,
      mode: maybe(Type.String(), 'The expected mode; absent, null or "" expects none (MAN-02 step 3).'),
    }),
    output: output({ manifest: Manifest }),
    errors: [...SEAL_OPEN_ERRORS, ...TOKEN_ERRORS, 'manifest.wrong-room', 'manifest.wrong-mode', 'manifest.expired', 'manifest.no-members', 'manifest.malformed'],
  },
  {
    op: 'joincode.format', profile: 'admission', chapter: CH,
    summary: 'Format random bytes as a join code (CODE-01).',
    input: input({ bytes: Binary('Random bytes') }),
    output: output({ code: Type.String() }),
    errors: [],
  },
  {
    op: 'joincode.match', profile: 'admission', chapter: CH,
    summary: 'Match a submitted code against every entry; the last match wins (CODE-02).',
    input: input({ entries: Type.Array(Type.Object({ name: Type.String(), code: Type.String() }), { description: 'The host-held list.' }), code: Type.String() }),
    output: output({ name: Type.Union([Type.String(), Type.Null()], { description: 'The matching entry\'s name, or null.' }) }),
    errors: [],
  },
  {
    op: 'ratelimit.run', profile: 'admission', chapter: CH,
    summary: 'Feed steps to one fresh guess limiter and answer every check (CODE-03).',
    input: input({
      maxAttempts: Type.Integer({ minimum: 1 }),
      lockoutMs: Type.Integer({ minimum: 1 }),
      steps: Type.Array(
        Type.Object({ at: Type.Integer({ description: 'ms.' }), key: Type.String(), op: oneOf(['check', 'fail', 'clear'], 'What happens.') }),
        { description: 'In order.' },
      ),
    }),
    output: output({
      results: Type.Array(
        Type.Object({ step: Type.Integer({ minimum: 1 }), allowed: Type.Boolean(), retryInMs: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        { description: 'One per check.' },
      ),
    }),
    errors: [],
  },
  {
    op: 'rostergate.state', profile: 'admission', chapter: CH,
    summary: 'The share gate\'s view: per-peer states, canShare, compromised (RGATE-01 to RGATE-04).',
    input: input(GateInput),
    output: output({
      canShare: Type.Boolean(),
      compromised: Type.Boolean(),
      peers: Type.Record(Type.String(), PeerState, { description: 'By media id; empty when the gate is inactive.' }),
    }),
    errors: [],
  },
  {
    op: 'rostergate.allows', profile: 'admission', chapter: CH,
    summary: 'Whether the share gate lets a broadcast, a directed send or a received message through (RGATE-05, RGATE-06).',
    input: input({
      ...GateInput,
      action: oneOf(['broadcast', 'send', 'receive'], 'What is asked.'),
      peer: maybe(Type.String(), 'The recipient (send) or sender (receive); null: absent (10.4).'),
      kind: maybe(Type.String(), 'The content kind (receive); null: absent (10.4).'),
    }),
    output: output({ allowed: Type.Boolean() }),
    errors: [],
  },
  {
    op: 'idtoken.exchange', profile: 'admission', chapter: CH,
    summary: 'Feed events to one fresh ID-token exchange (RGATE-07 to RGATE-09).',
    input: input({ self: Type.String({ description: 'This peer\'s media id.' }), steps: Type.Array(ExchangeStep) }),
    output: output({ outputs: Type.Array(ExchangeOutput) }),
    errors: [],
  },
];
