// The JSON forms of two WebRTC dictionaries that ride both the signaling plane (inside PeerJS
// OFFER/ANSWER/CANDIDATE payloads) and the data plane (inside m-sdp/m-ice). Each plane bundle
// carries its own copy under $defs so that every bundle resolves standalone.
import Type from 'typebox';
import { stringEnum } from './defs.ts';

export const SDP_TYPES = ['offer', 'answer', 'pranswer', 'rollback'] as const;

export const SessionDescription = Type.Object(
  {
    type: stringEnum(SDP_TYPES, 'RTCSdpType.'),
    sdp: Type.String({ description: 'The SDP text.' }),
  },
  { description: 'RTCSessionDescriptionInit as JSON. Open.' },
);

export const IceCandidate = Type.Object(
  {
    candidate: Type.String({ description: 'The candidate line ("candidate:..."), or "" for end-of-candidates.' }),
    sdpMid: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Media stream id; null when unknown.' })),
    sdpMLineIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'm-line index; null when unknown.' })),
    usernameFragment: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'ICE ufrag; null when unknown.' })),
  },
  { description: 'RTCIceCandidateInit as JSON (the output of RTCIceCandidate.toJSON()). Open.' },
);
