// Op contracts of the `crypto` profile (see ./types.ts): spec/10-adapter-protocol.md 10.4, chapters
// 1 to 6. `errors` lists every code an op may answer besides `input.invalid`, in step order.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { anyValue, B64U_DECODABLE_PATTERN, input, maybe, oneOf, output, signingTime } from './shapes.ts';

const ch = (n: string) => `spec/${n}.md`;
const CONV = ch('01-conventions');
const ROOM = ch('02-room-ids');
const TOK = ch('03-signed-token');
const HCMD = ch('04-host-commands');
const BIND = ch('05-cert-binding');
const SAS = ch('06-safety-code');

const Fingerprint = (description: string) => Type.String({ description });
const Nonce = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'B64U(SHA-256(...)), 43 characters (BIND-01).' });
const PinStatus = ['unpinned', 'match', 'mismatch'] as const;
const PeerSafety = Type.Object(
  {
    code: Type.Union([Type.String(), Type.Null()], { description: 'The last code shown, or null.' }),
    remoteFp: Type.Union([Type.String(), Type.Null()], { description: 'The remote fingerprint that code was computed from, or null.' }),
    verified: Type.Boolean(),
    changed: Type.Boolean({ description: 'The changed-key alarm (SAS-13).' }),
  },
  { additionalProperties: false, description: 'Per-peer safety state (6.4).' },
);
const Reading = Type.Object(
  { code: Type.String(), remoteFp: Type.String() },
  { description: 'An available reading: the live code and the remote fingerprint it came from.' },
);

const HOSTCMD_TOKEN_ERRORS = ['token.malformed', 'token.bad-encoding', 'token.bad-signature', 'token.bad-payload'] as const;
const HOSTCMD_VERIFY_ERRORS = [
  'hostcmd.missing', 'hostcmd.no-host-key', 'hostcmd.bad-host-key', 'hostcmd.no-remote-fp', ...HOSTCMD_TOKEN_ERRORS,
  'hostcmd.wrong-kind', 'hostcmd.wrong-room', 'hostcmd.not-cert-bound', 'hostcmd.unknown-op', 'hostcmd.no-iat',
  'hostcmd.future', 'hostcmd.stale', 'hostcmd.bad-jti',
] as const;
const VerifiedCommand = {
  op: Type.String({ description: 'The verified op (HCMD-04).' }),
  target: Type.Optional(Type.String({ description: 'Only for kick, admit and deny, when the payload has a string target (HCMD-05).' })),
  jti: Type.Optional(Type.String({ description: 'The payload jti, when it is a string.' })),
};

export const CRYPTO_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'room.normalize', profile: 'crypto', chapter: ROOM,
    summary: 'The room id of a room name (ROOM-01, ROOM-02).',
    input: input({ name: maybe(Type.String(), 'The room name as people share it; absent or null is the empty string (2.1).') }),
    output: output({ room: Type.String({ description: 'The room id.' }) }),
    errors: [],
  },
  {
    op: 'room.peerId', profile: 'crypto', chapter: ROOM,
    summary: 'The authority peer id of a room name, refusing ids no broker accepts (ROOM-03, ROOM-06).',
    input: input({ name: Type.String() }),
    output: output({ peerId: Type.String({ description: '`kbz-v1-` and the room id.' }) }),
    errors: ['room.unclaimable-id'],
  },
  {
    op: 'fingerprint.canonical', profile: 'crypto', chapter: CONV,
    summary: 'Canonicalise a fingerprint: trim, then lower-case (CONV-11).',
    input: input({ fp: Fingerprint('Any string.') }),
    output: output({ fp: Fingerprint('The canonical form.') }),
    errors: [],
  },
  {
    op: 'fingerprint.fromCertificates', profile: 'crypto', chapter: SAS,
    summary: 'The remote fingerprint from the certificate list of a DTLS handshake (SAS-01, SAS-02).',
    input: input({
      certificates: Type.Array(Type.String({ pattern: B64U_DECODABLE_PATTERN, description: 'base64url DER.' }), {
        description: 'What getRemoteCertificates() returned, in order.',
      }),
    }),
    output: output({ fp: Fingerprint('CONV-10 form.') }),
    errors: ['sas.remote-cert-count', 'sas.empty-certificate'],
  },
  {
    op: 'fingerprint.fromLocalSdp', profile: 'crypto', chapter: SAS,
    summary: "The local fingerprint from the peer's own SDP (SAS-03).",
    input: input({ sdp: Type.String() }),
    output: output({ fp: Fingerprint('The captured group, lower-cased.') }),
    errors: ['sas.no-local-fingerprint'],
  },
  {
    op: 'sas.code', profile: 'crypto', chapter: SAS,
    summary: 'The safety code of two fingerprints (SAS-04 to SAS-09).',
    input: input({
      fpA: Fingerprint('One fingerprint, in any form.'),
      fpB: Fingerprint('The other.'),
      symbols: maybe(Type.Number(), 'Symbol count; 4 when absent (SAS-08).'),
    }),
    output: output({
      code: Type.String({ description: 'Symbols joined by single spaces (SAS-09).' }),
      indices: Type.Array(Type.Integer({ minimum: 0, maximum: 31 }), { description: 'Table index of each symbol (SAS-07).' }),
    }),
    errors: ['sas.bad-symbol-count'],
  },
  {
    op: 'sas.alphabet', profile: 'crypto', chapter: SAS,
    summary: 'The symbol table, in index order (SAS-07).',
    input: input({}),
    output: output({
      codePoints: Type.Array(Type.String({ pattern: '^U\\+[0-9A-F]{4,6}$' }), { minItems: 32, maxItems: 32, description: '`U+XXXX` per index.' }),
    }),
    errors: [],
  },
  {
    op: 'sas.nextState', profile: 'crypto', chapter: SAS,
    summary: 'One step of the changed-key alarm; an absent or null `reading` is an unavailable reading (SAS-12, SAS-13).',
    input: input({
      prev: maybe(PeerSafety, 'The previous state; absent or null: the initial state of 6.4.'),
      reading: maybe(Reading, 'The new reading; absent or null: unavailable (a blip).'),
      verifiedFps: Type.Array(Type.String(), { description: 'The verified set V.' }),
      pin: maybe(oneOf(PinStatus, 'The pin status of the reading (SAS-15).'), 'Absent or null: unpinned.'),
    }),
    output: output({ state: PeerSafety }),
    errors: [],
  },
  {
    op: 'sas.pinStatus', profile: 'crypto', chapter: SAS,
    summary: 'The pin status of a named peer on a fingerprint (SAS-15).',
    input: input({
      pins: Type.Record(Type.String(), Type.Unknown(), { description: 'Pin key to fingerprint; members whose value is not a string are no pin.' }),
      name: Type.String({ description: 'The display name; the key is its trim and lower-case.' }),
      fp: Fingerprint('The live remote fingerprint.'),
    }),
    output: output({ status: oneOf(PinStatus, 'Compared as exact strings.') }),
    errors: [],
  },
  {
    op: 'sas.trustStore', profile: 'crypto', chapter: SAS,
    summary: 'Trust actions applied in order to an empty store: `verify`, `unverify`, and `connect` (a first reading, which never pins; SAS-14 to SAS-16, SAS-19).',
    input: input({
      actions: Type.Array(
        Type.Object({
          action: oneOf(['verify', 'unverify', 'connect'], 'What the user (or the call) did.'),
          name: Type.String({ description: "The peer's display name." }),
          fp: Fingerprint("The peer's current remote fingerprint."),
        }),
      ),
    }),
    output: output({
      verified: Type.Array(Type.String(), { description: 'V, oldest first.' }),
      pins: Type.Record(Type.String(), Type.String(), { description: 'Pin key to fingerprint.' }),
    }),
    errors: [],
  },
  {
    op: 'certbinding.nonce', profile: 'crypto', chapter: BIND,
    summary: 'The cert-binding nonce of a fingerprint and salt (BIND-01 to BIND-03).',
    input: input({ fp: Fingerprint('Any form; canonicalised first.'), salt: maybe(Type.String(), 'The room id; absent, null or empty: unsalted.') }),
    output: output({ nonce: Nonce }),
    errors: [],
  },
  {
    op: 'idtoken.verify', profile: 'crypto', chapter: BIND,
    summary: 'Verify a cert-bound ID token in the steps of IDT-18; `remoteFp` absent or null: the certificate is unreadable.',
    input: input({
      jwt: Type.Optional(anyValue('The token; any JSON type reaches step 1.')),
      jwks: Type.Optional(anyValue('The JWKS document; any JSON type reaches key selection.')),
      issuers: Type.Array(Type.String(), { description: 'Accepted issuers (IDT-08).' }),
      audience: Type.String({ description: 'The OAuth client id (IDT-09).' }),
      now: Type.Number({ description: 'Epoch seconds.' }),
      leeway: maybe(Type.Number(), 'Seconds; 60 when absent (IDT-10).'),
      maxAge: maybe(Type.Number(), 'Seconds; none when absent (IDT-13).'),
      remoteFp: maybe(Type.String(), "The connection's remote fingerprint; absent or null: unreadable (BIND-05)."),
      salt: maybe(Type.String(), 'The room id; absent, null or empty: unsalted (BIND-03).'),
    }),
    output: output({ claims: Type.Record(Type.String(), Type.Unknown(), { description: "The token's claims object." }) }),
    errors: [
      'idtoken.oversize', 'idtoken.malformed', 'idtoken.unsupported-alg', 'idtoken.bad-typ', 'idtoken.unsupported-crit',
      'idtoken.no-key', 'idtoken.bad-signature', 'idtoken.bad-iss', 'idtoken.bad-aud', 'idtoken.expired',
      'idtoken.not-yet-valid', 'idtoken.future-iat', 'idtoken.too-old', 'idtoken.no-iat', 'idtoken.no-sub',
      'idtoken.email-not-verified', 'idtoken.binding-mismatch',
    ],
  },
  {
    op: 'token.sign', profile: 'crypto', chapter: TOK,
    summary: 'Sign exactly this JSON text, without validating it (TOK-01 to TOK-03).',
    input: input({
      privateJwk: Type.Optional(anyValue('The P-256 private JWK; any JSON type reaches key import.')),
      payloadJson: Type.String({ description: 'The payload text, signed as given.' }),
    }),
    output: output({ token: Type.String({ description: '`<body>.<signature>`.' }) }),
    errors: ['key.bad-jwk'],
    comparison: 'signed-token',
  },
  {
    op: 'token.verify', profile: 'crypto', chapter: TOK,
    summary: 'Verify a compact token in the steps of TOK-06.',
    input: input({
      token: Type.Optional(anyValue('The token; absent or any JSON type reaches step 2.')),
      publicJwk: Type.Optional(anyValue('The key; absent or any JSON type reaches step 1.')),
    }),
    output: output({ payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The verified payload object.' }) }),
    errors: ['token.bad-key', 'token.malformed', 'token.bad-encoding', 'token.bad-signature', 'token.bad-payload'],
  },
  {
    op: 'hostcmd.sign', profile: 'crypto', chapter: HCMD,
    summary: 'Sign a host command in the steps of HCMD-19; `fp` is written canonicalised, `jti` used as given or drawn fresh.',
    input: input({
      privateJwk: Type.Optional(anyValue('The host P-256 private JWK; any JSON type reaches key import.')),
      room: Type.String({ description: 'The room id, used as given.' }),
      fp: Fingerprint("The signer's own fingerprint; canonicalised (CONV-11) before it is written."),
      op: Type.String({ description: 'The op; refused unless it is a host op.' }),
      target: maybe(Type.String(), 'Written only for kick, admit and deny, and only when non-empty.'),
      now: signingTime('Epoch seconds, written as iat.'),
      jti: maybe(Type.String(), 'Used as given; absent or null: 12 fresh random bytes in hex (HCMD-06).'),
    }),
    output: output({ token: Type.String() }),
    errors: ['hostcmd.bad-host-key', 'hostcmd.unknown-op', 'hostcmd.missing-target'],
    comparison: 'signed-token',
  },
  {
    op: 'hostcmd.verify', profile: 'crypto', chapter: HCMD,
    summary: 'Verify a host command in the steps of HCMD-08; `remoteFp` absent: self-issued; null or empty after canonicalisation: unreadable.',
    input: input({
      token: Type.Optional(anyValue('The token; any JSON type reaches step 1.')),
      hostPublicJwk: Type.Optional(anyValue('The committed host key; absent or null: none committed.')),
      room: Type.String({ description: 'The room id, used as given.' }),
      remoteFp: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: "The connection's remote fingerprint; absent: a self-issued command." })),
      now: Type.Number({ description: 'Epoch seconds.' }),
    }),
    output: output(VerifiedCommand),
    errors: [...HOSTCMD_VERIFY_ERRORS],
  },
  {
    op: 'hostcmd.process', profile: 'crypto', chapter: HCMD,
    summary: 'Feed commands in order to one fresh coordinator gate, in the steps of HCMD-21 (size cap, verification, replay window).',
    input: input({
      hostPublicJwk: Type.Optional(anyValue('The committed host key; absent or null: none committed.')),
      room: Type.String(),
      commands: Type.Array(
        Type.Object({
          token: Type.Optional(anyValue('The `mod` token as received.')),
          remoteFp: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'As for hostcmd.verify.' })),
          now: Type.Number(),
        }),
      ),
    }),
    output: output({
      results: Type.Array(
        Type.Union([
          Type.Object({ ok: Type.Literal(true), ...VerifiedCommand }, { additionalProperties: false }),
          Type.Object({ ok: Type.Literal(false), error: Type.String({ description: 'The bare error code.' }) }, { additionalProperties: false }),
        ]),
        { description: 'One result per command, in order.' },
      ),
    }),
    errors: [],
  },
];

/** Codes `hostcmd.process` reports inside its results (it never rejects as a whole). */
export const HOSTCMD_PROCESS_RESULT_CODES = ['hostcmd.oversize', ...HOSTCMD_VERIFY_ERRORS, 'hostcmd.replayed'] as const;
