// Op contracts of the `agents` profile (see ./types.ts): spec/13-agents.md 13.8. Agent key
// assertions, credit credentials, capability grants and their enforcement. `errors` lists every
// code an op may answer besides `input.invalid`, in step order where it has one.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { anyValue, input, maybe, oneOf, output, signingTime } from './shapes.ts';

const CH = 'spec/13-agents.md';

/** A grant as an op input: the members of GRANT-01 with their types (CAPS ops take grants as given). */
const GrantIn = (description: string) =>
  Type.Object(
    {
      perceive: Type.Array(Type.String(), { description: 'Perceive capabilities.' }),
      act: Type.Array(Type.String(), { description: 'Act capabilities.' }),
      backend: maybe(Type.String(), 'Disclosure: the model backend an agent forwards to; null: absent (10.4).'),
      egress: maybe(Type.Boolean(), 'Disclosure: what the peer perceives leaves the room; null: absent (10.4).'),
      expiresAt: maybe(Type.Number(), 'Epoch seconds from which the grant confers nothing; 0, absent or null: never.'),
    },
    { description },
  );
/** A grant as an op answers it: members in the order of GRANT-01. */
const GrantOut = (description: string) =>
  Type.Object(
    {
      perceive: Type.Array(Type.String()),
      act: Type.Array(Type.String()),
      backend: Type.Optional(Type.String()),
      egress: Type.Optional(Type.Literal(true)),
      expiresAt: Type.Optional(Type.Number()),
    },
    { additionalProperties: false, description },
  );
/** A grant answered as it was given (13.8: an override that has not expired), null members left out. */
const GrantAsGiven = (description: string) =>
  Type.Object(
    {
      perceive: Type.Array(Type.String()),
      act: Type.Array(Type.String()),
      backend: Type.Optional(Type.String()),
      egress: Type.Optional(Type.Boolean()),
      expiresAt: Type.Optional(Type.Number()),
    },
    { additionalProperties: false, description },
  );
const Overrides = Type.Record(Type.String(), GrantIn('One peer\'s override.'), { description: 'The override map: media id → grant (CAPS-01).' });
const RosterEntry = Type.Object(
  { id: Type.String({ minLength: 1, description: 'Media id.' }), meta: Type.Optional(Type.Unknown({ description: 'The member\'s self-asserted meta; `role` "agent" makes it an agent (GRANT-03).' })) },
  { description: 'A roster member; other members (name, cam, avatar) are ignored.' },
);
const View = {
  self: Type.String({ description: 'This peer\'s own media id.' }),
  roster: Type.Array(RosterEntry, { description: 'The current roster, in roster order.' }),
  grants: maybe(Overrides, 'The override map; absent or null: none (10.4).'),
  now: Type.Number({ description: 'Epoch seconds (expiry, GRANT-07).' }),
};
const Fingerprint = (description: string) => Type.String({ description });
const ContentKind = Type.String({ description: 'The content kind `k` of chapter 7 (7.6.1).' });
const TransferKind = oneOf(['text', 'image', 'file'], 'What a transfer carries (required for `xbegin`, `xchunk` and `xend`).');
const LaneSend = oneOf(['track', 'placeholder', 'none'], 'The real track, a flowing placeholder, or nothing (CAPS-13).');

const ASSERTION_VERIFY_ERRORS = [
  'agent.missing', 'agent.no-remote-fp', 'agent.no-allowed-keys', 'agent.not-allowed', 'agent.wrong-kind',
  'agent.wrong-room', 'agent.not-cert-bound', 'agent.no-iat', 'agent.future', 'agent.stale',
] as const;
const CREDIT_VERIFY_ERRORS = [
  'credit.oversize', 'credit.malformed', 'credit.unsupported-alg', 'credit.bad-typ', 'credit.unsupported-crit',
  'credit.no-key', 'credit.bad-signature', 'credit.bad-iss', 'credit.wrong-kind', 'credit.wrong-room',
  'credit.expired', 'credit.not-yet-valid', 'credit.future-iat', 'credit.no-sub',
] as const;

export const AGENTS_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'agent.thumbprint', profile: 'agents', chapter: CH,
    summary: 'The RFC 7638 thumbprint of an agent\'s P-256 public key (AGT-10).',
    input: input({ jwk: Type.Optional(anyValue('The public JWK; any JSON type reaches key import.')) }),
    output: output({ thumbprint: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'B64U(SHA-256(...)), 43 characters.' }) }),
    errors: ['key.bad-jwk'],
  },
  {
    op: 'agent.assertion.sign', profile: 'agents', chapter: CH,
    summary: 'Sign an agent key assertion {k, room, fp, iat} (AGT-01, AGT-02).',
    input: input({
      privateJwk: Type.Optional(anyValue('The agent\'s P-256 private JWK; any JSON type reaches key import.')),
      room: Type.String({ description: 'The room id.' }),
      fp: Fingerprint('The agent\'s own certificate fingerprint; written canonicalised.'),
      iat: signingTime('Epoch seconds, an integer.'),
    }),
    output: output({ token: Type.String({ description: 'The compact signed token.' }) }),
    errors: ['key.bad-jwk', 'agent.no-room', 'agent.no-fp'],
    comparison: 'signed-token',
  },
  {
    op: 'agent.assertion.verify', profile: 'agents', chapter: CH,
    summary: 'Verify an assertion against an ordered allow-list, in the steps of AGT-06.',
    input: input({
      assertion: Type.Optional(anyValue('The assertion; any JSON type reaches step 1.')),
      allowed: Type.Optional(anyValue('The allow-list `[{key, caps?, label?}…]` (a manifest\'s agentKeys); any JSON type reaches step 3.')),
      room: Type.String({ description: 'The room id.' }),
      remoteFp: maybe(Type.String(), 'The live remote fingerprint of the presence connection; absent or null: unreadable.'),
      now: Type.Number({ description: 'Epoch seconds.' }),
    }),
    output: output({
      keyId: Type.String({ description: 'Thumbprint of the key that verified (AGT-10).' }),
      caps: Type.Optional(GrantOut('The matched entry\'s caps, sanitized (GRANT-05); only when the entry has caps (AGT-08).')),
      label: Type.Optional(Type.String({ description: 'The matched entry\'s label, when a string.' })),
    }),
    errors: [...ASSERTION_VERIFY_ERRORS],
  },
  {
    op: 'agent.presenter.scenario', profile: 'agents', chapter: CH,
    summary: 'The agent\'s re-signing clock through a script (AGT-04).',
    input: input({
      config: Type.Object({ room: maybe(Type.String(), 'The room id; absent or null: unknown.'), fp: maybe(Type.String(), 'The certificate fingerprint; absent or null: unknown.') }, { description: 'What the agent knows at the start.' }),
      start: Type.Number({ description: 'ms.' }),
      steps: Type.Array(
        Type.Object({
          at: Type.Number({ description: 'ms, never earlier than the previous step.' }),
          event: Type.Object({ type: oneOf(['key', 'room', 'fp', 'tick', 'close'], 'key: the agent adopts its key; room {room}, fp {fp}: they become known; close: the call ends.') }),
        }),
      ),
    }),
    output: output({
      outputs: Type.Array(
        Type.Object(
          {
            step: Type.Integer({ minimum: 1 }),
            at: Type.Number(),
            type: Type.Literal('assertion'),
            payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The payload to sign now (AGT-01).' }),
          },
          { additionalProperties: false },
        ),
      ),
    }),
    errors: [],
  },
  {
    op: 'credit.verify', profile: 'agents', chapter: CH,
    summary: 'Verify a credit credential in the steps of CRED-02.',
    input: input({
      jwt: Type.Optional(anyValue('The credential; any JSON type reaches step 1.')),
      jwks: Type.Optional(anyValue('The issuer\'s JWKS document; any JSON type reaches key selection.')),
      issuer: Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Trusted issuer(s).' }),
      room: maybe(Type.String(), 'When given, the `room` claim must equal it.'),
      kind: maybe(Type.String(), 'When given and non-empty, the `k` claim must equal it.'),
      leeway: maybe(Type.Number(), 'Seconds; 60 when absent.'),
      now: Type.Number({ description: 'Epoch seconds.' }),
    }),
    output: output({ claims: Type.Record(Type.String(), Type.Unknown(), { description: 'The credential\'s claims object.' }) }),
    errors: [...CREDIT_VERIFY_ERRORS],
  },
  {
    op: 'caps.default', profile: 'agents', chapter: CH,
    summary: 'The default grant of a human or an agent (GRANT-02).',
    input: input({ role: oneOf(['human', 'agent'], 'The participant kind.') }),
    output: output({ grant: GrantOut('The default grant.') }),
    errors: [],
  },
  {
    op: 'caps.sanitize', profile: 'agents', chapter: CH,
    summary: 'What a receiver keeps of a grant (GRANT-05).',
    input: input({ grant: Type.Optional(anyValue('Any JSON value, as received.')) }),
    output: output({ grant: GrantOut('The sanitized grant.') }),
    errors: [],
  },
  {
    op: 'caps.intersect', profile: 'agents', chapter: CH,
    summary: 'A request cut down to what is allowed (GRANT-06).',
    input: input({ request: GrantIn('What the joiner asked for.'), allowed: GrantIn('What the host allows.') }),
    output: output({ grant: GrantOut('The intersection.') }),
    errors: [],
  },
  {
    op: 'caps.effective', profile: 'agents', chapter: CH,
    summary: 'The grant in force at `now`: empty once expired (GRANT-07).',
    input: input({ grant: GrantIn('A grant.'), now: Type.Number({ description: 'Epoch seconds.' }) }),
    output: output({ grant: GrantAsGiven('The grant as given (null members left out), or the empty grant once expired.') }),
    errors: [],
  },
  {
    op: 'caps.of', profile: 'agents', chapter: CH,
    summary: 'The grant in force for a peer: override, agent default with disclosures, or human (GRANT-03, GRANT-04).',
    input: input({ ...View, peer: Type.String({ description: 'The peer\'s media id.' }) }),
    output: output({ grant: GrantAsGiven('The grant in force: an override as given (null members left out), else a default.') }),
    errors: [],
  },
  {
    op: 'caps.recipients', profile: 'agents', chapter: CH,
    summary: 'Who receives a frame of a content kind this peer sends, broadcast or directed, and whether as one broadcast (CAPS-09 to CAPS-11).',
    input: input({ ...View, kind: ContentKind, transfer: maybe(TransferKind, 'What a transfer carries (required for `xbegin`, `xchunk` and `xend`); null: absent.'), to: maybe(Type.String(), 'The one recipient of a directed send; absent: a broadcast.') }),
    output: output({
      recipients: Type.Array(Type.String(), { description: 'Media ids, in roster order.' }),
      broadcast: Type.Boolean({ description: 'Sent as the single fast-path broadcast (CAPS-10).' }),
    }),
    errors: ['caps.unknown-kind', 'caps.not-directed'],
  },
  {
    op: 'caps.accepts', profile: 'agents', chapter: CH,
    summary: 'Whether a receiver keeps a frame of a kind from a sender, and whether the drop is audited (CAPS-15, CAPS-16).',
    input: input({ ...View, from: Type.String({ description: 'The sender\'s media id.' }), kind: ContentKind }),
    output: output({ accept: Type.Boolean(), audit: Type.Boolean({ description: 'Dropped, and the sender is an agent: a local audit entry.' }) }),
    errors: [],
  },
  {
    op: 'caps.lanes', profile: 'agents', chapter: CH,
    summary: 'What each media lane carries to a peer with this grant (CAPS-13).',
    input: input({
      grant: GrantIn('The peer\'s grant in force.'),
      placeholders: maybe(Type.Object({ audio: Type.Boolean(), video: Type.Boolean() }), 'Which placeholder tracks exist; both when absent or null.'),
    }),
    output: output({ lanes: Type.Object({ audio: LaneSend, camera: LaneSend, share: LaneSend, shareAudio: LaneSend }, { additionalProperties: false }) }),
    errors: [],
  },
  {
    op: 'caps.receive', profile: 'agents', chapter: CH,
    summary: 'Whether a received caps frame replaces the override map, and with what (CAPS-03).',
    input: input({
      host: Type.String({ description: 'The roster\'s host (media id or "").' }),
      cryptographicHost: Type.Boolean({ description: 'The room commits a host key or a host e-mail.' }),
      coordinator: Type.Boolean({ description: 'This peer is the coordinator.' }),
      from: Type.String({ description: 'The sender\'s media id.' }),
      msg: Type.Optional(anyValue('The content frame, as received.')),
    }),
    output: output({ applied: Type.Boolean(), grants: Type.Optional(Type.Record(Type.String(), GrantOut('Sanitized.'), { description: 'The new override map, when applied.' })) }),
    errors: [],
  },
  {
    op: 'caps.distribute', profile: 'agents', chapter: CH,
    summary: 'What the coordinator broadcasts after a change of its override map or of the roster (CAPS-02).',
    input: input({
      coordinator: Type.Boolean(),
      trigger: oneOf(['change', 'roster'], 'An override was set or cleared, or the roster changed.'),
      grants: Overrides,
    }),
    output: output({ send: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The caps frame, or null.' }) }),
    errors: [],
  },
  {
    op: 'caps.merge', profile: 'agents', chapter: CH,
    summary: 'The overrides a non-coordinator uses after a caps frame, its own kept (CAPS-07), and which grants widened (CAPS-08).',
    input: input({
      ...View,
      own: maybe(Overrides, 'This peer\'s own overrides; absent or null: none.'),
      received: Overrides,
      previous: maybe(Overrides, 'The overrides before `received`; absent or null: none.'),
    }),
    output: output({
      grants: Type.Record(Type.String(), GrantOut('Sanitized.'), { description: 'The overrides in use: received ids first, then ids only in `own`.' }),
      widened: Type.Array(Type.String(), { description: 'Media ids whose grant in force gains a capability, in the order of `grants`.' }),
    }),
    errors: [],
  },
  {
    op: 'caps.media.scenario', profile: 'agents', chapter: CH,
    summary: 'The sender\'s media gate through a script: lanes set on connect and re-applied on every change (CAPS-13, CAPS-14).',
    input: input({
      ...View,
      placeholders: maybe(Type.Object({ audio: Type.Boolean(), video: Type.Boolean() }), 'Which placeholder tracks exist; both when absent or null.'),
      steps: Type.Array(
        Type.Object({
          event: Type.Object({ type: oneOf(['connect', 'disconnect', 'overrides', 'roster', 'tick'], 'connect {peer}, disconnect {peer}, overrides {grants} (the whole map), roster {roster}, tick {now} (epoch seconds).') }),
        }),
      ),
    }),
    output: output({
      outputs: Type.Array(
        Type.Object(
          {
            step: Type.Integer({ minimum: 1 }),
            type: Type.Literal('lanes'),
            peer: Type.String(),
            lanes: Type.Object({ audio: LaneSend, camera: LaneSend, share: LaneSend, shareAudio: LaneSend }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
      ),
    }),
    errors: [],
  },
  {
    op: 'caps.bind', profile: 'agents', chapter: CH,
    summary: 'The overrides a coordinator sets from recorded manifest caps, matched by certificate (CAPS-05).',
    input: input({
      ...View,
      records: Type.Record(Type.String(), GrantIn('Caps recorded at the door.'), { description: 'Canonical fingerprint → caps.' }),
      fps: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), { description: 'Media id → the remote fingerprint of that peer\'s data connection (null: unreadable).' }),
    }),
    output: output({ set: Type.Array(Type.Object({ id: Type.String(), grant: GrantOut('The override to set.') }, { additionalProperties: false })) }),
    errors: [],
  },
];
