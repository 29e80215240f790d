// The peer-mode control protocol (spec/10-adapter-protocol.md, "Peer mode"): the inputs and outputs
// of the `peer` profile's ops, through which a harness drives an implementation running as a live
// peer. Exported as schemas/json/peer-control.schema.json; `kibitz-conformance peer` and
// `kibitz-conformance interop` check every answer against these [ADP-32..ADP-40].
import Type, { type Static, type TSchema } from 'typebox';
import { stringEnum } from './defs.ts';
import { LOBBY_STATUSES } from './presence.ts';

const Str = (description: string, o: Record<string, unknown> = {}) => Type.String({ description, ...o });
const Handle = Str('The handle peer.join answered.', { minLength: 1 });
const Json = Type.Unknown();

export const HOST_OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
export const LOCAL_OPS = ['lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
export const ROOM_STATUSES = ['connecting', 'connected', 'reconnecting', 'closed'] as const;

export const GateConfig = Type.Object(
  {
    jwks: Type.Unknown({ description: 'The provider key set `{keys: [...]}` the verifier trusts (chapter 5).' }),
    issuers: Type.Array(Type.String(), { description: 'Accepted `iss` values [IDT-08].' }),
    audience: Str('Expected `aud` [IDT-09].'),
    leeway: Type.Optional(Type.Number({ description: 'Clock leeway, seconds; default 30 [IDT-20].' })),
    maxAge: Type.Optional(Type.Number({ description: 'Maximum token age, seconds; default 3600 [IDT-20].' })),
  },
  { description: 'An identity gate switched on from the start [PRES-09]; the salt is the room id [BIND-02].' },
);

export const JoinInput = Type.Object(
  {
    broker: Str('The broker, as `ws://HOST:PORT/PATH` (or wss://); every peer of the room uses it [SIG-26].'),
    room: Str('The room name; the room id is derived from it (ROOM-01).'),
    voiceId: Str('The media id this peer announces in `voice` (peer mode registers no media peer).', { minLength: 1 }),
    name: Type.Optional(Str('Display name; default empty (sent as `Guest`, MSG-20).')),
    avatar: Type.Optional(Str('Avatar; default empty.')),
    cam: Type.Optional(Type.Boolean({ description: 'Camera flag; default false.' })),
    meta: Type.Optional(Type.Record(Type.String(), Json, { description: 'Member metadata announced in `voice`.' })),
    inCall: Type.Optional(Type.Boolean({ description: 'Announce `voice` with `on: true` at once; default true.' })),
    identity: Type.Optional(Str('The stable identity token sent in knock and voice; default a fresh random one [PRES-61].')),
    hostKey: Type.Optional(Type.Unknown({ description: 'The committed host public JWK (chapter 4); absent: no key-tier host [HCMD-01].' })),
    hostName: Type.Optional(Str('The committed soft host name [PRES-33].')),
    lobby: Type.Optional(Type.Boolean({ description: 'Lobby on from the start, when this peer is the first coordinator [PRES-48]; default false.' })),
    gate: Type.Optional(GateConfig),
    jwt: Type.Optional(Str('This peer\'s own cert-bound ID token, sent in knock and voice (chapter 5).')),
  },
  { additionalProperties: false, description: 'peer.join: a new peer with a fresh certificate [SAS-18] enters the room [ADP-32].' },
);
export const JoinOutput = Type.Object(
  {
    peer: Handle,
    fingerprint: Str('Canonical fingerprint (CONV-11) of the certificate this peer presents on every connection [BIND-04].', { pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){31}$' }),
  },
  { additionalProperties: false },
);

export const PeerRef = Type.Object({ peer: Handle }, { additionalProperties: false });

export const RosterView = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        { id: Type.String(), name: Type.String(), cam: Type.Boolean(), avatar: Type.Optional(Type.String()), meta: Type.Optional(Type.Record(Type.String(), Json)) },
        { additionalProperties: false },
      ),
      { description: 'In roster order.' },
    ),
    lobby: Type.Boolean(),
    locked: Type.Boolean(),
    host: Type.String(),
  },
  { additionalProperties: false, description: 'A roster as the peer holds it, absent flags read as PRES-39 says.' },
);

export const SafetyView = Type.Object(
  {
    remote: Str('The remote broker id of the presence connection: the participant\'s connection id on a coordinator, the authority id on a participant.'),
    code: Str('The safety code as displayed (SAS-09).'),
    indices: Type.Array(Type.Integer({ minimum: 0, maximum: 31 })),
    localFp: Str('Canonical fingerprint of the certificate this peer presents on the connection (SAS-03).'),
    remoteFp: Str('Canonical fingerprint of the certificate the remote presented in the live handshake (SAS-01).'),
  },
  { additionalProperties: false },
);

export const StateOutput = Type.Object(
  {
    status: stringEnum(ROOM_STATUSES, 'The room status of PRES-52.'),
    coordinator: Type.Boolean({ description: 'True while this peer holds the authority id.' }),
    presenceId: Type.Union([Type.String(), Type.Null()], { description: 'While a participant: the broker id of its presence peer (its connection id at the coordinator); else null.' }),
    roster: Type.Union([RosterView, Type.Null()], { description: 'Participant: the last roster received; coordinator: the last roster it broadcast; null before any.' }),
    lobby: Type.Array(stringEnum(LOBBY_STATUSES, 'A lobby status (MSG-27).'), { description: 'Every lobby status received, oldest first [PRES-42].' }),
    kicked: Type.Integer({ minimum: 0, description: 'How many `kick` frames were received [PRES-43].' }),
    resets: Type.Integer({ minimum: 0, description: 'How many resets were reported [PRES-27].' }),
    knocks: Type.Array(Type.Object({ conn: Type.String(), name: Type.String(), avatar: Type.String() }, { additionalProperties: false }), { description: 'Coordinator: the pending knock list, in pending order [PRES-13]; otherwise empty.' }),
    safety: Type.Array(SafetyView, { description: 'One entry per open presence connection whose two fingerprints are readable (SAS-10).' }),
  },
  { additionalProperties: false, description: 'peer.state: what the peer\'s user would see now [ADP-33].' },
);

export const AnnounceInput = Type.Object(
  {
    peer: Handle,
    on: Type.Boolean(),
    cam: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String()),
    avatar: Type.Optional(Type.String()),
    meta: Type.Optional(Type.Union([Type.Record(Type.String(), Json), Type.Null()], { description: 'null removes the metadata.' })),
  },
  { additionalProperties: false, description: 'peer.announce: the application joins or leaves the call, or changes its announcement [ADP-34].' },
);
export const KnockInput = Type.Object({ peer: Handle, name: Type.String(), avatar: Type.Optional(Type.String()) }, { additionalProperties: false, description: 'peer.knock [ADP-35].' });
export const IdentityInput = Type.Object({ peer: Handle, jwt: Type.String() }, { additionalProperties: false, description: 'peer.identity: use this ID token from now on [ADP-38].' });
export const ModerateInput = Type.Object(
  { peer: Handle, op: stringEnum(LOCAL_OPS, 'A moderation control of the coordinator (chapter 8).'), target: Type.Optional(Str('Connection id (admit, deny) or media id (kick).')) },
  { additionalProperties: false, description: 'peer.moderate: the coordinator\'s own control; nothing on a participant [ADP-36].' },
);
export const HostCmdInput = Type.Union(
  [
    Type.Object(
      { peer: Handle, op: stringEnum(HOST_OPS, 'A host op (HCMD-04).'), target: Type.Optional(Type.String()), privateJwk: Type.Record(Type.String(), Json) },
      { additionalProperties: false, description: 'Sign with this key, the room id, this peer\'s own fingerprint and its clock (HCMD-07), then send.' },
    ),
    Type.Object({ peer: Handle, token: Type.String() }, { additionalProperties: false, description: 'Send this token as it is.' }),
  ],
  { description: 'peer.hostcmd: a host command from this peer [ADP-37].' },
);
export const HostCmdOutput = Type.Object({ token: Type.String() }, { additionalProperties: false });

export const TranscriptMessage = Type.Object(
  {
    at: Type.Number({ description: 'ms on the peer\'s own monotonic clock.' }),
    dir: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    local: Str('This peer\'s broker id on the connection.'),
    remote: Str('The remote broker id.'),
    label: Type.String(),
    serialization: Type.String(),
    hex: Type.Optional(Str('A binary message, as lower-case hex.', { pattern: '^([0-9a-f]{2})*$' })),
    text: Type.Optional(Str('A text message.')),
  },
  { additionalProperties: false },
);
export const TranscriptOutput = Type.Object(
  { messages: Type.Array(TranscriptMessage, { description: 'Data-channel messages of this peer\'s connections, below serialization, oldest first.' }) },
  { additionalProperties: false, description: 'peer.transcript [ADP-40]; MAY be unsupported.' },
);
export const Empty = Type.Object({}, { additionalProperties: false });

/** Every op: its input and output (ok) schemas. */
export const PEER_OPS: Record<string, { input: TSchema; output: TSchema }> = {
  'peer.join': { input: JoinInput, output: JoinOutput },
  'peer.state': { input: PeerRef, output: StateOutput },
  'peer.announce': { input: AnnounceInput, output: Empty },
  'peer.knock': { input: KnockInput, output: Empty },
  'peer.identity': { input: IdentityInput, output: Empty },
  'peer.moderate': { input: ModerateInput, output: Empty },
  'peer.hostcmd': { input: HostCmdInput, output: HostCmdOutput },
  'peer.leave': { input: PeerRef, output: Empty },
  'peer.transcript': { input: PeerRef, output: TranscriptOutput },
};

export type JoinInput = Static<typeof JoinInput>;
export type StateOutput = Static<typeof StateOutput>;
export type RosterView = Static<typeof RosterView>;
export type SafetyView = Static<typeof SafetyView>;
export type TranscriptMessage = Static<typeof TranscriptMessage>;

export const PEER_CONTROL_DEFS: Record<string, TSchema> = {
  GateConfig, JoinInput, JoinOutput, PeerRef, RosterView, SafetyView, StateOutput, AnnounceInput, KnockInput,
  IdentityInput, ModerateInput, HostCmdInput, HostCmdOutput, TranscriptMessage, TranscriptOutput, Empty,
};
