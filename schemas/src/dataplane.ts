// The data plane (spec/07-messages.md, 7.6): frames between two media peers that carry protocol
// state. Control frames (tag `t`) ride the `sig` data connection and never reach the app; content
// frames (tag `k`) ride `bulk` (or `sig` for old peers). Only the kinds that carry protocol state
// (`idtoken`, `caps`) have full bodies here; every other known kind is an open envelope.
import Type, { type Static } from 'typebox';
import { defRef, defsContext, nullable, stringEnum, type DefsContext } from './defs.ts';
import { ID_TOKEN_MAX } from './limits.ts';
import { IceCandidate } from './webrtc.ts';

export const CONTROL_KINDS = ['cap', 'mh', 'mh-dead', 'm-dial', 'm-sdp', 'm-ice', 'm-recreate', 'bye'] as const;
export const CONTENT_KINDS = [
  'chat', 'img', 'xbegin', 'xchunk', 'xend', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack',
  'app', 'pay', 'ink', 'idtoken', 'caps', 'schema', 'ledger', 'chatledger', 'ctl', 'blob', 'blobdata',
  'widget', 'wevt',
] as const;
/** Kinds whose body this version of the spec does not define (only their tag). */
export const ENVELOPE_ONLY_KINDS = CONTENT_KINDS.filter((k) => k !== 'idtoken' && k !== 'caps');
export const PERCEIVE_CAPABILITIES = ['see-screen', 'hear-audio', 'read-chat', 'read-roster', 'receive-directed', 'read-media', 'read-files'] as const;
export const ACT_CAPABILITIES = ['send-chat', 'speak', 'act'] as const;

const tag = <const V extends string>(v: V) => Type.Literal(v, { description: 'Discriminator.' });
const kbps = (what: string) => Type.Number({ minimum: 0, description: what });

// ---- sig control frames -------------------------------------------------------------------

export const MediaDescription = Type.Object(
  {
    type: stringEnum(['offer', 'answer'], 'Offer or answer (perfect negotiation).'),
    sdp: Type.String({ description: 'The SDP text.' }),
  },
  { description: 'The media RTCPeerConnection\'s description, as a plain object. Open.' },
);

export const CapFrame = Type.Object(
  { t: tag('cap'), bulk: Type.Literal(1, { description: 'The sender accepts a second, "bulk" data connection.' }) },
  { description: 'Capability hello, both sides, on sig open [MSG-35]. Open.' },
);
export const MhFrame = Type.Object(
  {
    t: tag('mh'),
    v: kbps('Inbound video from the receiver of this frame, kbps.'),
    a: kbps('Inbound audio from the receiver of this frame, kbps.'),
    ov: kbps('Outbound video to the receiver of this frame, kbps.'),
    oa: kbps('Outbound audio to the receiver of this frame, kbps.'),
  },
  { description: 'Media health heartbeat every 2000 ms (all zero as a plain sig keep-alive). Open.' },
);
export const MhDeadFrame = Type.Object({ t: tag('mh-dead') }, { description: 'Non-initiator: my inbound is a confirmed half-open; re-dial. Open.' });
export const MDialFrame = Type.Object({ t: tag('m-dial') }, { description: 'Answerer: sig is open but no media connection exists; start media. Open.' });
export const MSdpFrame = Type.Object(
  {
    t: tag('m-sdp'),
    d: defRef('MediaDescription', 'The description.'),
    relay: nullable(Type.Boolean(), 'true latches relay-only ICE for this peer.'),
  },
  { description: 'Media SDP, carried on sig instead of the broker. Open.' },
);
export const MIceFrame = Type.Object(
  { t: tag('m-ice'), c: defRef('IceCandidate', 'The candidate (RTCIceCandidateInit).') },
  { description: 'Trickle ICE candidate for the media connection. Open.' },
);
export const MRecreateFrame = Type.Object(
  { t: tag('m-recreate'), relay: nullable(Type.Boolean(), 'Rebuild relay-only (sticky).') },
  { description: 'Initiator recovery: close the media connection; the next offer rebuilds it. Open.' },
);
export const ByeFrame = Type.Object({ t: tag('bye') }, { description: 'The sender is leaving; drop it now. Open.' });

export const SigControlFrame = Type.Union(
  [
    defRef('CapFrame'), defRef('MhFrame'), defRef('MhDeadFrame'), defRef('MDialFrame'),
    defRef('MSdpFrame'), defRef('MIceFrame'), defRef('MRecreateFrame'), defRef('ByeFrame'),
  ],
  { description: 'Every control frame on sig, by `t` [MSG-34].' },
);

// ---- content frames -----------------------------------------------------------------------

export const Grant = Type.Object(
  {
    perceive: Type.Array(Type.String(), { description: 'What flows to the peer. Unknown strings are dropped, never granted [MSG-38].' }),
    act: Type.Array(Type.String(), { description: 'What the peer may emit. Unknown strings are dropped, never granted [MSG-38].' }),
    backend: nullable(Type.String(), 'Disclosure: the model backend an agent forwards to. Receivers keep the first 80 characters [MSG-38].'),
    egress: nullable(Type.Boolean(), 'Disclosure: what the peer perceives leaves the room.'),
    expiresAt: nullable(Type.Number(), 'Epoch seconds after which the grant confers nothing; kept only when > 0 [MSG-38].'),
  },
  { description: 'One participant\'s capabilities. Open.' },
);

export const IdTokenContent = Type.Object(
  { k: tag('idtoken'), jwt: Type.String({ maxLength: ID_TOKEN_MAX, description: 'The sender\'s cert-bound OIDC ID token (chapter 5); longer frames are dropped [MSG-37].' }) },
  { description: 'Identity token, sent once to each rostered peer. Open.' },
);
export const CapsContent = Type.Object(
  {
    k: tag('caps'),
    grants: Type.Object({}, {
      additionalProperties: defRef('Grant'),
      description: 'Grant per media id; replaces the receiver\'s whole override map.',
    }),
  },
  { description: 'Capability overrides from the host. Open.' },
);
export const EnvelopeContent = Type.Object(
  { k: stringEnum(ENVELOPE_ONLY_KINDS, 'A known content kind whose body later chapters define [MSG-36].') },
  { description: 'Any other known content kind: only the tag is checked. Open.' },
);

export const ContentFrame = Type.Union([defRef('IdTokenContent'), defRef('CapsContent'), defRef('EnvelopeContent')], {
  description: 'Every content frame, by `k` [MSG-36].',
});

export const DATAPLANE_DEFS = {
  MediaDescription, IceCandidate,
  CapFrame, MhFrame, MhDeadFrame, MDialFrame, MSdpFrame, MIceFrame, MRecreateFrame, ByeFrame, SigControlFrame,
  Grant, IdTokenContent, CapsContent, EnvelopeContent, ContentFrame,
};

export type DataplaneContext = DefsContext<typeof DATAPLANE_DEFS>;
export const DATAPLANE_CONTEXT: DataplaneContext = defsContext(DATAPLANE_DEFS);

export type Grant = Static<typeof Grant, DataplaneContext>;
export type SigControlFrame = Static<typeof SigControlFrame, DataplaneContext>;
export type ContentFrame = Static<typeof ContentFrame, DataplaneContext>;
export type IdTokenContent = Static<typeof IdTokenContent, DataplaneContext>;
export type CapsContent = Static<typeof CapsContent, DataplaneContext>;
