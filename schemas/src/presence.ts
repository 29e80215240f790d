// The presence plane (spec/07-messages.md, 7.4): the frames a participant and the coordinator
// exchange over the presence data connection, discriminated by `t`. Every object here is open
// (unknown members are ignored [MSG-03]) because upstream grows these frames additively.
// The reference presence state machines import both the schemas and the Static types below.
import Type, { type Static } from 'typebox';
import { defRef, defsContext, nullable, stringEnum, type DefsContext } from './defs.ts';
import { AVATAR_MAX, IDENTITY_TOKEN_MAX, MEDIA_ID_MAX, MOD_TOKEN_MAX, NAME_MAX } from './limits.ts';

export const LOBBY_STATUSES = ['waiting', 'admitted', 'denied', 'locked', 'unverified'] as const;

/** Feature tags upstream advertises in `~kbz.f`; receivers ignore tags they do not know [MSG-30]. */
export const KNOWN_FEATURE_TAGS = [
  'chat.v1', 'app.v1', 'ink.v1', 'pay.v1', 'caps.v1', 'identity.v1', 'schema.v1',
  'xfer.v1', 'xfer.v2', 'xfer.dl', 'xfer.resume', 'widget.v1',
] as const;

/** The wire-protocol generation carried as `~kbz.p`. */
export const PROTOCOL_VERSION = 1;

// ---- shared records ------------------------------------------------------------------------

export const EngineMeta = Type.Object(
  {
    v: Type.String({ description: 'Engine version (semantic version text, e.g. "0.4.2"). Display only.' }),
    b: Type.String({ description: 'Build identifier. Readers use at most its first 64 characters [MSG-29].' }),
    p: Type.Integer({ minimum: 1, description: 'Wire-protocol generation; 1 in kbz-v1. A peer that sees a higher value than its own is stale [MSG-28].' }),
    f: Type.Array(Type.String(), { description: 'Feature tags (e.g. "xfer.v2"). Readers use at most the first 64 string entries and ignore unknown tags [MSG-30].' }),
  },
  { description: 'The reserved engine record a sender publishes under meta["~kbz"] [MSG-28]. Open.' },
);

export const MemberMeta = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  properties: {
    '~kbz': { description: 'Reserved for the engine: an EngineMeta record [MSG-28]. Read leniently, never a reason to reject [MSG-29].' },
  },
  description: 'Opaque, self-asserted per-participant metadata an app attaches; it rides every roster. Keys other than "~kbz" belong to the app (upstream reads role, kind, backend, egress, claim, uid, ...). Open.',
});

export const CallMember = Type.Object(
  {
    id: Type.String({ minLength: 1, description: "The member's media peer id (its voiceId): what the data mesh dials." }),
    name: Type.String({ description: 'Display name, self-asserted. The coordinator stores "Guest" for an empty one [MSG-20].' }),
    cam: Type.Boolean({ description: 'Camera on.' }),
    avatar: nullable(Type.String(), 'Avatar (an emoji, or "" for initials). Upstream coordinators always set it.'),
    meta: nullable(defRef('MemberMeta'), 'App metadata copied from the member\'s voice frame; null when the member sent none [MSG-06].'),
  },
  { description: 'One member of the call, as the coordinator lists it in a roster. No size caps here [MSG-26]. Open.' },
);

// ---- participant -> coordinator -----------------------------------------------------------

const credentialMembers = {
  jwt: nullable(Type.String(), 'Cert-bound OIDC ID token for the identity gate. Upstream limit 8192 characters, enforced by the gate, not the frame [MSG-21].'),
  agentAssertion: nullable(Type.String(), "An agent's cert-bound key assertion (compact token). Upstream limit 2048 characters, enforced by the gate [MSG-21]."),
  agentCredit: nullable(Type.String(), "An agent's credit credential (RS256 JWS). Upstream limit 8192 characters, enforced by the gate [MSG-21]."),
};

export const VoiceMsg = Type.Object(
  {
    t: Type.Literal('voice', { description: 'Discriminator.' }),
    on: Type.Boolean({ description: 'In the call (true) or not (false).' }),
    cam: Type.Boolean({ description: 'Camera on.' }),
    name: Type.String({ maxLength: NAME_MAX, description: 'Display name; senders substitute "Guest" for an empty one [MSG-20]. Cap is hardening [MSG-22].' }),
    avatar: nullable(Type.String({ maxLength: AVATAR_MAX }), 'Avatar emoji or "". Cap is hardening [MSG-22].'),
    voiceId: nullable(Type.String({ maxLength: MEDIA_ID_MAX }), 'The sender\'s media peer id; required in practice when on is true [MSG-19]. Cap is hardening [MSG-22].'),
    token: nullable(Type.String({ maxLength: IDENTITY_TOKEN_MAX }), 'Stable per-tab (or app-supplied) identity token; lets a reconnect replace the old roster entry. Cap is hardening [MSG-22].'),
    meta: nullable(defRef('MemberMeta'), 'App metadata to publish in the roster. Size bound is hardening [MSG-23].'),
    ...credentialMembers,
  },
  { description: 'Announce or withdraw call membership. Open.' },
);

export const KnockMsg = Type.Object(
  {
    t: Type.Literal('knock', { description: 'Discriminator.' }),
    name: Type.String({ maxLength: NAME_MAX, description: 'Name shown to the host in the knock list; "Guest" when empty [MSG-20]. Cap is hardening [MSG-22].' }),
    avatar: nullable(Type.String({ maxLength: AVATAR_MAX }), 'Avatar shown in the knock list. Cap is hardening [MSG-22].'),
    token: nullable(Type.String({ maxLength: IDENTITY_TOKEN_MAX }), 'Stable identity token; a previously admitted token is re-admitted silently. Cap is hardening [MSG-22].'),
    voiceId: nullable(Type.String({ maxLength: MEDIA_ID_MAX }), 'The sender\'s media id once it has one (lets a new coordinator grandfather it). Cap is hardening [MSG-22].'),
    ...credentialMembers,
  },
  { description: 'Ask to be let in (sent on every presence-channel open). Open.' },
);

export const PingMsg = Type.Object(
  { t: Type.Literal('ping', { description: 'Discriminator.' }) },
  { description: 'Liveness beacon, both directions, every 2500 ms. Open.' },
);

export const LeaveMsg = Type.Object(
  { t: Type.Literal('leave', { description: 'Discriminator.' }) },
  { description: 'The participant is leaving (page hide, close). Open.' },
);

export const ModMsg = Type.Object(
  {
    t: Type.Literal('mod', { description: 'Discriminator.' }),
    token: Type.String({ maxLength: MOD_TOKEN_MAX, description: 'A signed host command (chapter 4). Longer tokens are dropped unverified [MSG-24], [HCMD-12].' }),
  },
  { description: 'Relay a signed host moderation command to the coordinator. Open.' },
);

// ---- coordinator -> participant -----------------------------------------------------------

export const RosterMsg = Type.Object(
  {
    t: Type.Literal('roster', { description: 'Discriminator.' }),
    members: Type.Array(defRef('CallMember'), { description: 'Current call members, in the coordinator\'s insertion order.' }),
    lobby: nullable(Type.Boolean(), 'Knock-to-admit lobby on; absent or null means false [MSG-25].'),
    host: nullable(Type.String(), 'Media id of the verified host, or ""; absent or null means "" [MSG-25].'),
    locked: nullable(Type.Boolean(), 'Room sealed to new identities; absent or null means false [MSG-25].'),
  },
  { description: 'The call roster and room flags; sent on every change and every 2500 ms. Open.' },
);

export const LobbyMsg = Type.Object(
  {
    t: Type.Literal('lobby', { description: 'Discriminator.' }),
    status: stringEnum(LOBBY_STATUSES, 'The joiner\'s lobby state. Any other value is ignored [MSG-27].'),
  },
  { description: 'Tell a joiner its lobby state. Open.' },
);

export const KickMsg = Type.Object(
  { t: Type.Literal('kick', { description: 'Discriminator.' }) },
  { description: 'You were removed; leave the call. Open.' },
);

export const ResetMsg = Type.Object(
  { t: Type.Literal('reset', { description: 'Discriminator.' }) },
  { description: 'The host reset the room; clear ephemeral state. Open.' },
);

// ---- unions --------------------------------------------------------------------------------

export const ClientToCoordinator = Type.Union(
  [defRef('VoiceMsg'), defRef('KnockMsg'), defRef('PingMsg'), defRef('LeaveMsg'), defRef('ModMsg')],
  { description: 'Every frame a participant sends to the coordinator, by `t`.' },
);

export const CoordinatorToClient = Type.Union(
  [defRef('RosterMsg'), defRef('LobbyMsg'), defRef('KickMsg'), defRef('ResetMsg'), defRef('PingMsg')],
  { description: 'Every frame the coordinator sends to a participant, by `t`.' },
);

export const PresenceMessage = Type.Union(
  [
    defRef('VoiceMsg'), defRef('KnockMsg'), defRef('PingMsg'), defRef('LeaveMsg'), defRef('ModMsg'),
    defRef('RosterMsg'), defRef('LobbyMsg'), defRef('KickMsg'), defRef('ResetMsg'),
  ],
  { description: 'Any presence frame, either direction (`ping` has one shape for both).' },
);

export const PRESENCE_DEFS = {
  EngineMeta, MemberMeta, CallMember,
  VoiceMsg, KnockMsg, PingMsg, LeaveMsg, ModMsg,
  RosterMsg, LobbyMsg, KickMsg, ResetMsg,
  ClientToCoordinator, CoordinatorToClient, PresenceMessage,
};

export type PresenceContext = DefsContext<typeof PRESENCE_DEFS>;
export const PRESENCE_CONTEXT: PresenceContext = defsContext(PRESENCE_DEFS);

export type LobbyStatus = (typeof LOBBY_STATUSES)[number];
export type EngineMeta = Static<typeof EngineMeta, PresenceContext>;
export type MemberMeta = Static<typeof MemberMeta, PresenceContext>;
export type CallMember = Static<typeof CallMember, PresenceContext>;
export type VoiceMsg = Static<typeof VoiceMsg, PresenceContext>;
export type KnockMsg = Static<typeof KnockMsg, PresenceContext>;
export type PingMsg = Static<typeof PingMsg, PresenceContext>;
export type LeaveMsg = Static<typeof LeaveMsg, PresenceContext>;
export type ModMsg = Static<typeof ModMsg, PresenceContext>;
export type RosterMsg = Static<typeof RosterMsg, PresenceContext>;
export type LobbyMsg = Static<typeof LobbyMsg, PresenceContext>;
export type KickMsg = Static<typeof KickMsg, PresenceContext>;
export type ResetMsg = Static<typeof ResetMsg, PresenceContext>;
export type ClientToCoordinator = Static<typeof ClientToCoordinator, PresenceContext>;
export type CoordinatorToClient = Static<typeof CoordinatorToClient, PresenceContext>;
export type PresenceMessage = Static<typeof PresenceMessage, PresenceContext>;
