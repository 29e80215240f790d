// Signaling-plane vectors (spec/07-messages.md, 7.3). Frame shapes are those of the `peerjs` client
// 1.5.5 and the `peer` server 1.0.2 (tests/schemas/peerjs-server.test.ts checks the server live).
import type { JsonObject } from '../../reference/encoding/json.ts';
import type { Group } from './lib.ts';
import { def, invalid, valid, without, withMember } from './schemas-lib.ts';

const CLIENT = def('signaling', 'ClientFrame');
const SERVER = def('signaling', 'ServerFrame');
const QUERY = def('signaling', 'SocketQuery');
const PEER_ID = def('signaling', 'PeerId');
const HOST = def('signaling', 'SignalHostResponse');
const CANDIDATE_INIT = def('signaling', 'IceCandidate');

const AUTHORITY = 'kbz-v1-standup';
const MEDIA_A = '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13';
const MEDIA_B = 'b7e4a0d2-51c6-4f38-9e2a-7d90c1f3a845';
const SDP_OFFER =
  'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n' +
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:EsAw\r\n' +
  'a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r\na=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89\r\n' +
  'a=setup:actpass\r\na=mid:0\r\na=sctp-port:5000\r\n';
const SDP_ANSWER = SDP_OFFER.replace('a=setup:actpass', 'a=setup:active');

/** A data-connection OFFER payload as PeerJS 1.5.5 writes it for Kibitz's sig link (no label given). */
const DATA_OFFER: JsonObject = {
  sdp: { type: 'offer', sdp: SDP_OFFER },
  type: 'data',
  connectionId: 'dc_k2x9w1q8z7',
  label: 'dc_k2x9w1q8z7',
  reliable: true,
  serialization: 'binary', // what PeerJS 1.5.5 writes for a connect() without a serialization [MSG-16]
};
const BULK_OFFER: JsonObject = { ...DATA_OFFER, connectionId: 'dc_p0o9i8u7y6', label: 'bulk' };
const ANSWER: JsonObject = { sdp: { type: 'answer', sdp: SDP_ANSWER }, type: 'data', connectionId: 'dc_k2x9w1q8z7' };
const ICE: JsonObject = {
  candidate: 'candidate:842163049 1 udp 1677729535 203.0.113.7 50123 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag EsAw network-cost 999',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'EsAw',
};
const CANDIDATE: JsonObject = { candidate: ICE, type: 'data', connectionId: 'dc_k2x9w1q8z7' };
const up = ['upstream-shape'];

export const signalingGroups: Group[] = [
  {
    name: 'signaling-host',
    description: 'GET /api/signal body [MSG-08]',
    cases: [
      valid('host', 'A configured broker', HOST, { host: 'signal.kibitz.chat' }, { covers: ['MSG-08'], flags: up }),
      valid('null', 'No broker configured', HOST, { host: null }, { covers: ['MSG-08'], flags: up }),
      invalid('missing', 'host is required', HOST, {}, 'msg.missing-field', '/host', { covers: ['MSG-08'], flags: ['missing-field'] }),
      invalid('empty', 'An empty host is not a host', HOST, { host: '' }, 'msg.bad-value', '/host', { covers: ['MSG-08'], flags: ['bad-value'] }),
      invalid('number', 'host must be a string or null', HOST, { host: 443 }, 'msg.wrong-type', '/host', { covers: ['MSG-08'], flags: ['type-confusion'] }),
    ],
  },
  {
    name: 'signaling-socket-query',
    description: 'Broker WebSocket URL parameters [MSG-09], [MSG-10]',
    cases: [
      valid('authority', 'The room authority registering its deterministic id', QUERY, { key: 'peerjs', id: AUTHORITY, token: 'f3k9w2x1q8', version: '1.5.5' }, { covers: ['MSG-09', 'MSG-10'], flags: up }),
      valid('media-peer', 'A media peer registering a broker-assigned UUID', QUERY, { key: 'peerjs', id: MEDIA_A, token: '8d0c2a7j5m', version: '1.5.5' }, { covers: ['MSG-09'], flags: up }),
      valid('no-version', 'version is optional (older clients)', QUERY, { key: 'peerjs', id: AUTHORITY, token: 'abc' }, { covers: ['MSG-09'] }),
      invalid('missing-token', 'token is required; peer 1.0.2 answers ERROR', QUERY, { key: 'peerjs', id: AUTHORITY }, 'msg.missing-field', '/token', { covers: ['MSG-09'], flags: ['missing-field'] }),
      invalid('empty-key', 'An empty key counts as missing for the broker', QUERY, { key: '', id: AUTHORITY, token: 'abc' }, 'msg.bad-value', '/key', { covers: ['MSG-09'], flags: ['bad-value'] }),
      invalid('trailing-hyphen-id', 'A room id cut to end in "-" cannot be registered [ROOM-06]', QUERY, { key: 'peerjs', id: `kbz-v1-${'a'.repeat(39)}-`, token: 'abc' }, 'msg.bad-value', '/id', { covers: ['MSG-10', 'ROOM-06'], flags: ['bad-value'] }),
    ],
  },
  {
    name: 'signaling-peer-id',
    description: 'PeerJS id syntax [MSG-10]',
    cases: [
      valid('authority', 'kbz-v1- prefix and a room id', PEER_ID, AUTHORITY, { covers: ['MSG-10'] }),
      valid('uuid', 'Broker-assigned UUID', PEER_ID, MEDIA_A, { covers: ['MSG-10'] }),
      valid('space-and-underscore', 'Single spaces and underscores join runs', PEER_ID, 'a b_c-d', { covers: ['MSG-10'] }),
      invalid('empty-room', '"kbz-v1-" (empty room id) ends in a separator', PEER_ID, 'kbz-v1-', 'msg.bad-value', '', { covers: ['MSG-10', 'ROOM-06'], flags: ['bad-value'] }),
      invalid('double-separator', 'Two separators in a row', PEER_ID, 'a--b', 'msg.bad-value', '', { covers: ['MSG-10'], flags: ['bad-value'] }),
      invalid('non-ascii', 'Only ASCII letters and digits', PEER_ID, 'café', 'msg.bad-value', '', { covers: ['MSG-10'], flags: ['bad-value'] }),
      invalid('empty', 'The empty string asks the broker for an id; it is not itself an id', PEER_ID, '', 'msg.bad-value', '', { covers: ['MSG-10'], flags: ['bad-value'] }),
    ],
  },
  {
    name: 'signaling-client-frames',
    description: 'Frames a client sends to the broker [MSG-12], [MSG-16], [MSG-17]',
    cases: [
      valid('heartbeat', 'Keep-alive', CLIENT, { type: 'HEARTBEAT' }, { covers: ['MSG-12'], flags: up }),
      valid('offer-sig', 'OFFER for the sig link: PeerJS writes the connectionId as label', CLIENT, { type: 'OFFER', payload: DATA_OFFER, dst: MEDIA_B }, { covers: ['MSG-12', 'MSG-16', 'MSG-17'], flags: up }),
      valid('offer-bulk', 'OFFER for the bulk link', CLIENT, { type: 'OFFER', payload: BULK_OFFER, dst: MEDIA_B }, { covers: ['MSG-16', 'MSG-17'], flags: up }),
      valid('offer-presence', 'Presence connection to the room authority: reliable, the default serialization (named "binary")', CLIENT, { type: 'OFFER', payload: DATA_OFFER, dst: AUTHORITY }, { covers: ['MSG-16', 'MSG-18'], flags: up }),
      valid('offer-legacy-browser', 'An older PeerJS client adds browser and metadata', CLIENT, { type: 'OFFER', payload: { ...DATA_OFFER, browser: 'chrome', metadata: { seat: 2 } }, dst: MEDIA_B }, { covers: ['MSG-16'] }),
      valid('offer-media', 'A PeerJS media call offer (not used by current Kibitz)', CLIENT, { type: 'OFFER', payload: { sdp: { type: 'offer', sdp: SDP_OFFER }, type: 'media', connectionId: 'mc_4r5t6y7u8i' }, dst: MEDIA_B }),
      valid('answer', 'ANSWER', CLIENT, { type: 'ANSWER', payload: ANSWER, dst: MEDIA_A }, { covers: ['MSG-12'], flags: up }),
      valid('candidate', 'CANDIDATE', CLIENT, { type: 'CANDIDATE', payload: CANDIDATE, dst: MEDIA_B }, { covers: ['MSG-12'], flags: up }),
      valid('leave', 'LEAVE (accepted by peer 1.0.2, never sent by Kibitz)', CLIENT, { type: 'LEAVE' }),
      invalid('offer-missing-dst', 'OFFER without dst is dropped by the broker', CLIENT, { type: 'OFFER', payload: DATA_OFFER }, 'msg.missing-field', '/dst', { covers: ['MSG-12'], flags: ['missing-field'] }),
      invalid('offer-missing-payload', 'OFFER without payload', CLIENT, { type: 'OFFER', dst: MEDIA_B }, 'msg.missing-field', '/payload', { covers: ['MSG-12'], flags: ['missing-field'] }),
      invalid('offer-unknown-serialization', 'A serialization PeerJS 1.5.5 has no decoder for', CLIENT, { type: 'OFFER', payload: withMember(DATA_OFFER, 'serialization', 'msgpack'), dst: MEDIA_B }, 'msg.bad-value', '/payload/serialization', { covers: ['MSG-16'], flags: ['bad-value'] }),
      invalid('offer-missing-serialization', 'A data offer must name its serialization', CLIENT, { type: 'OFFER', payload: without(DATA_OFFER, 'serialization'), dst: MEDIA_B }, 'msg.missing-field', '/payload/serialization', { covers: ['MSG-16'], flags: ['missing-field'] }),
      invalid('offer-reliable-string', 'reliable must be a boolean', CLIENT, { type: 'OFFER', payload: withMember(DATA_OFFER, 'reliable', 'true'), dst: MEDIA_B }, 'msg.wrong-type', '/payload/reliable', { covers: ['MSG-16'], flags: ['type-confusion'] }),
      invalid('offer-unknown-connection-type', 'Connection type other than data or media', CLIENT, { type: 'OFFER', payload: withMember(DATA_OFFER, 'type', 'file'), dst: MEDIA_B }, 'msg.unknown-type', '/payload/type', { flags: ['bad-discriminator'] }),
      invalid('offer-bad-sdp-type', 'sdp.type outside RTCSdpType', CLIENT, { type: 'OFFER', payload: withMember(DATA_OFFER, 'sdp', { type: 'Offer', sdp: SDP_OFFER }), dst: MEDIA_B }, 'msg.bad-value', '/payload/sdp/type', { flags: ['bad-value'] }),
      invalid('candidate-index-fraction', 'sdpMLineIndex must be an integer or null', CLIENT, { type: 'CANDIDATE', payload: withMember(CANDIDATE, 'candidate', withMember(ICE, 'sdpMLineIndex', 0.5)), dst: MEDIA_B }, 'msg.wrong-type', '/payload/candidate/sdpMLineIndex', { flags: ['type-confusion'] }),
      invalid('unknown-type', 'A frame type the protocol does not have', CLIENT, { type: 'PING' }, 'msg.unknown-type', '/type', { covers: ['MSG-02'], flags: ['bad-discriminator'] }),
      invalid('lower-case-type', 'Types are upper-case', CLIENT, { type: 'heartbeat' }, 'msg.unknown-type', '/type', { flags: ['bad-discriminator'] }),
    ],
  },
  {
    name: 'signaling-server-frames',
    description: 'Frames the broker sends to a client [MSG-13], [MSG-14], [MSG-15]',
    cases: [
      valid('open', 'Registration accepted', SERVER, { type: 'OPEN' }, { flags: up }),
      valid('id-taken', 'peer 1.0.2 ID-TAKEN', SERVER, { type: 'ID-TAKEN', payload: { msg: 'ID is taken' } }, { covers: ['MSG-14'], flags: up }),
      valid('error-invalid-key', 'peer 1.0.2 refuses a key with ERROR', SERVER, { type: 'ERROR', payload: { msg: 'Invalid key provided' } }, { covers: ['MSG-14'], flags: up }),
      valid('error-params', 'Missing id, token or key', SERVER, { type: 'ERROR', payload: { msg: 'No id, token, or key supplied to websocket server' } }, { covers: ['MSG-14'], flags: up }),
      valid('invalid-key', 'Older brokers\' INVALID-KEY', SERVER, { type: 'INVALID-KEY' }),
      valid('expire', 'Dialled an absent id', SERVER, { type: 'EXPIRE', src: AUTHORITY, dst: MEDIA_A }, { covers: ['MSG-15'], flags: up }),
      valid('leave', 'Peer gone', SERVER, { type: 'LEAVE', src: MEDIA_B, dst: MEDIA_A }, { flags: up }),
      valid('relayed-offer', 'OFFER with src written by the broker', SERVER, { type: 'OFFER', src: MEDIA_A, dst: AUTHORITY, payload: DATA_OFFER }, { covers: ['MSG-13'], flags: up }),
      valid('relayed-answer', 'ANSWER', SERVER, { type: 'ANSWER', src: AUTHORITY, dst: MEDIA_A, payload: ANSWER }, { covers: ['MSG-13'], flags: up }),
      valid('relayed-candidate', 'CANDIDATE with null sdpMid (end of candidates)', SERVER, { type: 'CANDIDATE', src: MEDIA_B, dst: MEDIA_A, payload: { ...CANDIDATE, candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } } }, { covers: ['MSG-13'] }),
      valid('open-extra-member', 'Unknown members are ignored', SERVER, { type: 'OPEN', id: AUTHORITY }, { covers: ['MSG-03'], flags: ['forward-compat'] }),
      invalid('error-missing-payload', 'PeerJS reads payload.msg of an ERROR', SERVER, { type: 'ERROR' }, 'msg.missing-field', '/payload', { covers: ['MSG-14'], flags: ['missing-field'] }),
      invalid('id-taken-msg-number', 'payload.msg must be a string', SERVER, { type: 'ID-TAKEN', payload: { msg: 404 } }, 'msg.wrong-type', '/payload/msg', { covers: ['MSG-14'], flags: ['type-confusion'] }),
      invalid('relayed-offer-missing-src', 'A relayed frame carries src', SERVER, { type: 'OFFER', dst: AUTHORITY, payload: DATA_OFFER }, 'msg.missing-field', '/src', { covers: ['MSG-13'], flags: ['missing-field'] }),
      invalid('expire-empty-src', 'src must not be empty', SERVER, { type: 'EXPIRE', src: '', dst: MEDIA_A }, 'msg.bad-value', '/src', { covers: ['MSG-15'], flags: ['bad-value'] }),
      invalid('heartbeat-from-server', 'HEARTBEAT is a client frame only', SERVER, { type: 'HEARTBEAT' }, 'msg.unknown-type', '/type', { covers: ['MSG-02'], flags: ['bad-discriminator'] }),
      invalid('missing-type', 'No type', SERVER, { payload: { msg: 'x' } }, 'msg.missing-field', '/type', { flags: ['bad-discriminator'] }),
      invalid('number', 'A number is not a frame', SERVER, 5, 'msg.wrong-type', '', { covers: ['MSG-07'], flags: ['not-object'] }),
    ],
  },
  {
    name: 'signaling-webrtc',
    description: 'RTCIceCandidateInit as JSON',
    cases: [
      valid('ice-full', 'All four members', CANDIDATE_INIT, ICE),
      valid('ice-minimal', 'Only the candidate line', CANDIDATE_INIT, { candidate: ICE.candidate! }),
      invalid('ice-missing-candidate', 'candidate is required', CANDIDATE_INIT, { sdpMid: '0' }, 'msg.missing-field', '/candidate', { flags: ['missing-field'] }),
      invalid('ice-negative-index', 'sdpMLineIndex is not negative', CANDIDATE_INIT, withMember(ICE, 'sdpMLineIndex', -1), 'msg.bad-value', '/sdpMLineIndex', { flags: ['bad-value'] }),
    ],
  },
];
