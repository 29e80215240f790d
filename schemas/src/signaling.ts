// The signaling plane (spec/07-messages.md, 7.3): the subset of the PeerJS server protocol Kibitz
// uses, as spoken by the `peerjs` client 1.5.5 and the `peer` server 1.0.2. Frames are JSON text on
// one WebSocket, discriminated by `type`. All objects are open: peerjs-server forwards only
// type/src/dst/payload and both sides ignore other members [MSG-03].
import Type, { type Static } from 'typebox';
import { defRef, defsContext, stringEnum, type DefsContext } from './defs.ts';
import { IceCandidate, SessionDescription } from './webrtc.ts';

/** PeerJS's own check of a chosen id (an empty id asks the broker for one instead). */
export const PEER_ID_PATTERN = '^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$';
export const SERIALIZATIONS = ['raw', 'json', 'binary', 'binary-utf8', 'default'] as const;
export const CONNECTION_TYPES = ['data', 'media'] as const;

const typeTag = <const V extends string>(v: V) => Type.Literal(v, { description: 'Discriminator.' });
const src = Type.String({ minLength: 1, description: 'The registered peer id of the sender, written by the broker [MSG-13].' });
const dst = Type.String({ minLength: 1, description: 'The peer id the frame is addressed to.' });

export const PeerId = Type.String({
  pattern: PEER_ID_PATTERN,
  description: 'A PeerJS peer id a client may register: ASCII letters and digits in runs joined by single " ", "_" or "-" [MSG-10].',
});

export const SignalHostResponse = Type.Object(
  { host: Type.Union([Type.String({ minLength: 1 }), Type.Null()], { description: 'Broker host name without scheme, or null when the site names none [MSG-08].' }) },
  { description: 'Body of GET /api/signal (broker selection). Open.' },
);

export const SocketQuery = Type.Object(
  {
    key: Type.String({ minLength: 1, description: 'API key; "peerjs" (the default) for every Kibitz broker.' }),
    id: defRef('PeerId', 'The peer id to register: the room authority id or a broker-assigned one [MSG-10].'),
    token: Type.String({ minLength: 1, description: 'Client-chosen secret that lets the same client re-attach to its id after a socket drop [MSG-11].' }),
    version: Type.Optional(Type.String({ description: 'The PeerJS client library version ("1.5.5"); brokers ignore it.' })),
  },
  { description: 'The query parameters of the broker WebSocket URL, as a JSON object of strings [MSG-09]. Open.' },
);

export const MessagePayload = Type.Object(
  { msg: Type.String({ description: 'Human-readable reason.' }) },
  { description: 'Payload of ERROR and ID-TAKEN [MSG-14]. Open.' },
);

export const DataOfferPayload = Type.Object(
  {
    sdp: defRef('SessionDescription', 'The local description of the sender.'),
    type: Type.Literal('data', { description: 'Connection type: a data connection.' }),
    connectionId: Type.String({ minLength: 1, description: 'Sender-chosen connection id ("dc_" + random base-36 in PeerJS).' }),
    label: Type.String({ description: 'Data channel label: "bulk" for Kibitz\'s bulk channel; PeerJS writes the connectionId when no label was given [MSG-17].' }),
    reliable: Type.Boolean({ description: 'Ordered, reliable channel; true for every Kibitz connection.' }),
    serialization: stringEnum(SERIALIZATIONS, 'Payload encoding; a Kibitz offer names "binary" (BinaryPack, the PeerJS 1.5.5 default) [MSG-16].'),
    metadata: Type.Optional(Type.Unknown({ description: 'Application metadata (any JSON); Kibitz sends none.' })),
    browser: Type.Optional(Type.String({ description: 'Browser name; sent by PeerJS clients before 1.5, not by 1.5.5.' })),
  },
  { description: 'OFFER payload opening a data connection [MSG-16]. Open.' },
);

export const MediaOfferPayload = Type.Object(
  {
    sdp: defRef('SessionDescription', 'The local description of the sender.'),
    type: Type.Literal('media', { description: 'Connection type: a PeerJS media call (unused by current Kibitz).' }),
    connectionId: Type.String({ minLength: 1, description: 'Sender-chosen connection id ("mc_" + random in PeerJS).' }),
    metadata: Type.Optional(Type.Unknown({ description: 'Application metadata (any JSON).' })),
    browser: Type.Optional(Type.String({ description: 'Browser name; sent by PeerJS clients before 1.5.' })),
  },
  { description: 'OFFER payload opening a media call. Open.' },
);

export const OfferPayload = Type.Union([defRef('DataOfferPayload'), defRef('MediaOfferPayload')], {
  description: 'An OFFER payload, by its `type`.',
});

export const AnswerPayload = Type.Object(
  {
    sdp: defRef('SessionDescription', 'The local description of the sender.'),
    type: stringEnum(CONNECTION_TYPES, 'Connection type, as in the offer.'),
    connectionId: Type.String({ minLength: 1, description: 'The connectionId of the offer being answered.' }),
    browser: Type.Optional(Type.String({ description: 'Browser name; sent by PeerJS clients before 1.5.' })),
  },
  { description: 'ANSWER payload. Open.' },
);

export const CandidatePayload = Type.Object(
  {
    candidate: defRef('IceCandidate', 'The candidate, as RTCIceCandidate.toJSON() gives it.'),
    type: stringEnum(CONNECTION_TYPES, 'Connection type.'),
    connectionId: Type.String({ minLength: 1, description: 'The connection the candidate belongs to.' }),
  },
  { description: 'CANDIDATE payload (trickle ICE). Open.' },
);

// ---- client -> broker ---------------------------------------------------------------------

export const HeartbeatFrame = Type.Object({ type: typeTag('HEARTBEAT') }, { description: 'Keep-alive, every pingInterval (5000 ms in Kibitz); never forwarded. Open.' });
export const ClientOfferFrame = Type.Object(
  { type: typeTag('OFFER'), payload: defRef('OfferPayload', 'The offer.'), dst },
  { description: 'Open a connection to dst [MSG-12]. Open.' },
);
export const ClientAnswerFrame = Type.Object(
  { type: typeTag('ANSWER'), payload: defRef('AnswerPayload', 'The answer.'), dst },
  { description: 'Answer an offer from dst [MSG-12]. Open.' },
);
export const ClientCandidateFrame = Type.Object(
  { type: typeTag('CANDIDATE'), payload: defRef('CandidatePayload', 'The candidate.'), dst },
  { description: 'Trickle an ICE candidate to dst [MSG-12]. Open.' },
);
export const ClientLeaveFrame = Type.Object(
  { type: typeTag('LEAVE'), dst: Type.Optional(Type.String({ minLength: 1, description: 'Peer to notify; without it the broker forgets the sender.' })) },
  { description: 'Accepted by peerjs-server; never sent by PeerJS 1.5.5 or Kibitz. Open.' },
);

// ---- broker -> client ---------------------------------------------------------------------

export const OpenFrame = Type.Object({ type: typeTag('OPEN') }, { description: 'Registration accepted; the id is ours. Open.' });
export const IdTakenFrame = Type.Object(
  { type: typeTag('ID-TAKEN'), payload: defRef('MessagePayload', 'Why (peer 1.0.2: "ID is taken").') },
  { description: 'The id is registered with another token; the broker closes the socket [MSG-14]. Open.' },
);
export const ErrorFrame = Type.Object(
  { type: typeTag('ERROR'), payload: defRef('MessagePayload', 'Why (e.g. "Invalid key provided").') },
  { description: 'Registration refused (missing parameter, invalid key, server full); the broker closes the socket [MSG-14]. Open.' },
);
export const InvalidKeyFrame = Type.Object(
  { type: typeTag('INVALID-KEY') },
  { description: 'The key is not accepted (older brokers; peer 1.0.2 sends ERROR instead). Open.' },
);
export const LeaveFrame = Type.Object(
  { type: typeTag('LEAVE'), src, dst: Type.Optional(dst) },
  { description: 'Peer src is gone; drop its connections. Open.' },
);
export const ExpireFrame = Type.Object(
  { type: typeTag('EXPIRE'), src, dst: Type.Optional(dst) },
  { description: 'A frame to peer src could not be delivered in time: src is not registered [MSG-15]. Open.' },
);
export const RelayedOfferFrame = Type.Object(
  { type: typeTag('OFFER'), src, dst, payload: defRef('OfferPayload', 'The offer, as the sender wrote it.') },
  { description: 'An offer from src [MSG-13]. Open.' },
);
export const RelayedAnswerFrame = Type.Object(
  { type: typeTag('ANSWER'), src, dst, payload: defRef('AnswerPayload', 'The answer, as the sender wrote it.') },
  { description: 'An answer from src [MSG-13]. Open.' },
);
export const RelayedCandidateFrame = Type.Object(
  { type: typeTag('CANDIDATE'), src, dst, payload: defRef('CandidatePayload', 'The candidate, as the sender wrote it.') },
  { description: 'An ICE candidate from src [MSG-13]. Open.' },
);

export const ClientFrame = Type.Union(
  [defRef('HeartbeatFrame'), defRef('ClientOfferFrame'), defRef('ClientAnswerFrame'), defRef('ClientCandidateFrame'), defRef('ClientLeaveFrame')],
  { description: 'Every frame a client sends to the broker, by `type`.' },
);

export const ServerFrame = Type.Union(
  [
    defRef('OpenFrame'), defRef('IdTakenFrame'), defRef('ErrorFrame'), defRef('InvalidKeyFrame'), defRef('LeaveFrame'),
    defRef('ExpireFrame'), defRef('RelayedOfferFrame'), defRef('RelayedAnswerFrame'), defRef('RelayedCandidateFrame'),
  ],
  { description: 'Every frame the broker sends to a client, by `type`.' },
);

export const SIGNALING_DEFS = {
  PeerId, SignalHostResponse, SocketQuery, MessagePayload, SessionDescription, IceCandidate,
  DataOfferPayload, MediaOfferPayload, OfferPayload, AnswerPayload, CandidatePayload,
  HeartbeatFrame, ClientOfferFrame, ClientAnswerFrame, ClientCandidateFrame, ClientLeaveFrame,
  OpenFrame, IdTakenFrame, ErrorFrame, InvalidKeyFrame, LeaveFrame, ExpireFrame,
  RelayedOfferFrame, RelayedAnswerFrame, RelayedCandidateFrame,
  ClientFrame, ServerFrame,
};

export type SignalingContext = DefsContext<typeof SIGNALING_DEFS>;
export const SIGNALING_CONTEXT: SignalingContext = defsContext(SIGNALING_DEFS);

export type SocketQuery = Static<typeof SocketQuery, SignalingContext>;
export type SignalHostResponse = Static<typeof SignalHostResponse, SignalingContext>;
export type OfferPayload = Static<typeof OfferPayload, SignalingContext>;
export type AnswerPayload = Static<typeof AnswerPayload, SignalingContext>;
export type CandidatePayload = Static<typeof CandidatePayload, SignalingContext>;
export type ClientFrame = Static<typeof ClientFrame, SignalingContext>;
export type ServerFrame = Static<typeof ServerFrame, SignalingContext>;
