// The data plane (spec/07-messages.md, 7.6): frames between two media peers. Control frames (tag
// `t`) ride the `sig` data connection and never reach the app; content frames (tag `k`) ride `bulk`
// (or `sig` for old peers). Content bodies (7.6.2) state member types and the limits past which a
// receiver drops the frame; limits a receiver applies by cutting are described, not enforced
// here, because upstream cuts rather than drops (spec/14-data-plane.md 14.7).
import Type, { type Static, type TSchema } from 'typebox';
import { defRef, defsContext, nullable, stringEnum, type DefsContext } from './defs.ts';
import { ID_TOKEN_MAX } from './limits.ts';

/** Legacy inline image data, base64 characters [CONT-15]. */
export const IMG_DATA_MAX = 262144;
import { IceCandidate } from './webrtc.ts';

export const CONTROL_KINDS = ['cap', 'mh', 'mh-dead', 'm-dial', 'm-sdp', 'm-ice', 'm-recreate', 'bye'] as const;
export const CONTENT_KINDS = [
  'chat', 'img', 'xbegin', 'xchunk', 'xend', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack',
  'app', 'pay', 'ink', 'idtoken', 'caps', 'schema', 'ledger', 'chatledger', 'ctl', 'blob', 'blobdata',
  'widget', 'wevt',
] as const;
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
// ---- content bodies (7.6.2; receiver rules in spec/14-data-plane.md) ----------------------

const opt = <T extends TSchema>(schema: T, description: string) => nullable(schema, description);
const dm = opt(Type.Boolean(), 'Display only: the frame was sent to this one receiver [CONT-06].');
const anyJson = (description: string) => Type.Unknown({ description });
const IMG_MIME_PATTERN = '^[Ii][Mm][Aa][Gg][Ee]/(?:[Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ww][Ee][Bb][Pp]|[Gg][Ii][Ff])$';

export const ChatContent = Type.Object(
  {
    k: tag('chat'),
    text: Type.String({ description: 'The line; the receiver keeps the first 500 code units, trimmed [CONT-10].' }),
    dm,
    mid: opt(Type.String(), 'Stable line id `<sender>#<n>`; cut to 80 [CONT-11].'),
    ts: opt(Type.Number(), 'Send time, ms [CONT-11].'),
    from: opt(Type.String(), 'Replayed lines only: the original author, display only [CONT-02].'),
    name: opt(Type.String(), 'Replayed lines only: the original author\'s name, display only [CONT-02].'),
  },
  { description: 'A chat line. Open.' },
);
export const ImgContent = Type.Object(
  {
    k: tag('img'),
    mime: Type.String({ pattern: IMG_MIME_PATTERN, description: 'image/png, jpeg, jpg, webp or gif, any case [CONT-15].' }),
    data: Type.String({ maxLength: IMG_DATA_MAX, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'Standard base64 [CONT-15].' }),
    name: opt(Type.String(), 'File name; trimmed, cut to 80 [CONT-15].'),
    w: opt(Type.Number(), 'Width in pixels [CONT-15].'),
    h: opt(Type.Number(), 'Height in pixels [CONT-15].'),
    dm,
    mid: opt(Type.String(), 'As in chat [CONT-11].'),
    ts: opt(Type.Number(), 'As in chat [CONT-11].'),
    from: opt(Type.String(), 'Replayed images only: the original author, display only [CONT-02].'),
    name2: opt(Type.String(), 'Replayed images only: the original author\'s name, display only [CONT-02].'),
  },
  { description: 'A legacy inline image. Open.' },
);
export const XBeginContent = Type.Object(
  {
    k: tag('xbegin'),
    id: Type.String({ minLength: 1, description: 'Transfer id; the receiver keys the first 64 code units [XFER-03].' }),
    kind: stringEnum(['text', 'image', 'file'], 'What the payload is [XFER-03].'),
    size: Type.Number({ minimum: 0, description: 'Payload bytes, within the receiver\'s ceiling [XFER-04].' }),
    n: Type.Integer({ minimum: 0, description: 'Chunk count, exactly ceil(size / 49152) [XFER-03].' }),
    mime: opt(Type.String(), 'Media type; cut to 100 [XFER-05].'),
    name: opt(Type.String(), 'File name; trimmed, cut to 120 [XFER-05].'),
    offer: opt(Type.Boolean(), 'true: a pull offer, chunks follow xaccept [XFER-14].'),
    dm,
    mid: opt(Type.String(), 'Public text and media: stable id [XFER-06].'),
    ts: opt(Type.Number(), 'Public text and media: send time, ms [XFER-06].'),
    author: opt(Type.String(), 'Replays only: the original author, display only [CONT-02].'),
    authorName: opt(Type.String(), 'Replays only: the original author\'s name, display only [CONT-02].'),
  },
  { description: 'Opens a transfer. Open.' },
);
export const XChunkContent = Type.Object(
  {
    k: tag('xchunk'),
    id: Type.String({ minLength: 1, description: 'The transfer [XFER-08].' }),
    i: Type.Integer({ minimum: 0, description: 'Chunk index [XFER-08].' }),
    data: Type.String({ description: 'The chunk, standard base64 [XFER-08].' }),
    dm,
  },
  { description: 'One chunk, base64 (peers without xfer.v2). Open.' },
);
export const XEndContent = Type.Object(
  {
    k: tag('xend'),
    id: Type.String({ minLength: 1, description: 'The transfer [XFER-11].' }),
    hash: opt(Type.String(), 'SHA-256 of the whole payload, lower-case hex [XFER-12].'),
    dm,
  },
  { description: 'Ends a transfer. Open.' },
);
export const XAnswerContent = Type.Object(
  {
    k: stringEnum(['xcancel', 'xaccept', 'xdecline', 'xack'], 'Cancel, accept or decline an offer, or release a retained source [XFER-14], [XFER-15].'),
    id: Type.String({ minLength: 1, description: 'The transfer.' }),
    dm,
  },
  { description: 'A transfer answer. Open.' },
);
export const XResumeContent = Type.Object(
  {
    k: tag('xresume'),
    id: Type.String({ minLength: 1, description: 'The transfer [XFER-19].' }),
    have: opt(Type.Number(), 'Chunks held; anything but an integer >= 0 means 0 [XFER-19].'),
    dm,
  },
  { description: 'Asks the sender to re-send from chunk `have`. Open.' },
);
export const AppContent = Type.Object(
  { k: tag('app'), data: Type.Optional(anyJson('Opaque application data; at most 262144 characters of JSON [CONT-17].')) },
  { description: 'An application message. Open.' },
);
export const PayContent = Type.Object(
  {
    k: tag('pay'),
    url: Type.String({ description: 'The payment link; cut to 512, trimmed [CONT-18].' }),
    label: opt(Type.String(), 'What it is for; cut to 80, trimmed [CONT-18].'),
    dm,
  },
  { description: 'A pay-me link. Open.' },
);
export const InkContent = Type.Object(
  {
    k: tag('ink'),
    e: Type.Object({}, { description: 'ptr, draw, clear or restore, coordinates in [0, 1] [CONT-20].' }),
    n: opt(Type.String(), 'The sender\'s own name, display only; cut to 40 [CONT-19].'),
    c: opt(Type.String(), 'The sender\'s colour; cut to 32 [CONT-19].'),
  },
  { description: 'A shared pointer or annotation event. Open.' },
);
export const SchemaContent = Type.Object(
  {
    k: tag('schema'),
    name: Type.String({ description: 'Schema name; cut to 120, trimmed [CONT-21].' }),
    version: opt(Type.String(), 'The schema\'s own version; cut to 64 [CONT-21].'),
    schema: Type.Optional(anyJson('The document; at most 262144 characters of JSON [CONT-21].')),
  },
  { description: 'An app or agent describes itself. Open.' },
);
export const WidgetContent = Type.Object(
  {
    k: tag('widget'),
    id: Type.String({ description: 'Instance id; cut to 80 [CONT-23].' }),
    kind: opt(Type.String(), 'Renderer; cut to 120, trimmed; required unless removed [CONT-23].'),
    data: Type.Optional(anyJson('Renderer payload; at most 262144 characters of JSON [CONT-23].')),
    replay: opt(Type.Array(Type.Unknown()), 'Retained interactions; the first 1000 kept [CONT-23].'),
    removed: opt(Type.Boolean(), 'true retracts the instance [CONT-24].'),
    from: opt(Type.String(), 'Replays only: the original poster, display only [CONT-02].'),
    name: opt(Type.String(), 'Replays only: the original poster\'s name, display only [CONT-02].'),
    ts: opt(Type.Number(), 'Post time, ms [CONT-23].'),
  },
  { description: 'A bounded interactive widget. Open.' },
);
export const WevtContent = Type.Object(
  { k: tag('wevt'), id: Type.String({ description: 'The widget; cut to 80 [CONT-25].' }), e: Type.Optional(anyJson('The interaction; at most 262144 characters of JSON [CONT-25].')) },
  { description: 'An interaction with a widget. Open.' },
);
export const LedgerContent = Type.Object(
  {
    k: stringEnum(['ledger', 'chatledger'], 'The room-state ledger, or the chat ledger [CONT-26].'),
    m: Type.Object({ v: Type.Literal(1, { description: 'Version.' }) }, { description: '{v: 1, op: request} or {v: 1, op: state | update, state} [CONT-26].' }),
  },
  { description: 'Ledger sync. Open.' },
);
export const CtlContent = Type.Object(
  { k: tag('ctl'), m: Type.Optional(anyJson('Opaque stage control [CONT-29].')) },
  { description: 'Ephemeral control. Open.' },
);
export const BlobContent = Type.Object(
  { k: stringEnum(['blob', 'blobdata'], 'Fetch by content hash, or one chunk of it [CONT-30].'), m: Type.Object({}, { description: '{v: 1, op, hash} or {hash, i, n, b64} [CONT-30].' }) },
  { description: 'Content-addressed fetch. Open.' },
);

export const ContentFrame = Type.Union(
  [
    defRef('ChatContent'), defRef('ImgContent'), defRef('XBeginContent'), defRef('XChunkContent'), defRef('XEndContent'),
    defRef('XAnswerContent'), defRef('XResumeContent'), defRef('AppContent'), defRef('PayContent'), defRef('InkContent'),
    defRef('IdTokenContent'), defRef('CapsContent'), defRef('SchemaContent'), defRef('LedgerContent'), defRef('CtlContent'),
    defRef('BlobContent'), defRef('WidgetContent'), defRef('WevtContent'),
  ],
  { description: 'Every content frame, by `k` [MSG-36].' },
);

export const DATAPLANE_DEFS = {
  MediaDescription, IceCandidate,
  CapFrame, MhFrame, MhDeadFrame, MDialFrame, MSdpFrame, MIceFrame, MRecreateFrame, ByeFrame, SigControlFrame,
  Grant, ChatContent, ImgContent, XBeginContent, XChunkContent, XEndContent, XAnswerContent, XResumeContent,
  AppContent, PayContent, InkContent, IdTokenContent, CapsContent, SchemaContent, LedgerContent, CtlContent, BlobContent,
  WidgetContent, WevtContent, ContentFrame,
};

export type DataplaneContext = DefsContext<typeof DATAPLANE_DEFS>;
export const DATAPLANE_CONTEXT: DataplaneContext = defsContext(DATAPLANE_DEFS);

export type Grant = Static<typeof Grant, DataplaneContext>;
export type SigControlFrame = Static<typeof SigControlFrame, DataplaneContext>;
export type ContentFrame = Static<typeof ContentFrame, DataplaneContext>;
export type IdTokenContent = Static<typeof IdTokenContent, DataplaneContext>;
export type CapsContent = Static<typeof CapsContent, DataplaneContext>;
