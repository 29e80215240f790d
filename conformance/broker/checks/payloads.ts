// Relay payloads shaped like the ones a PeerJS 1.5.5 client sends for a Kibitz data connection
// (chapter 7), so a broker that inspects payloads sees nothing unusual, and the relayed frames
// validate against the signaling schemas.
import { randomBytes } from 'node:crypto';

const SDP = [
  'v=0',
  'o=rtc 4107523824 0 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic:WMS *',
  'a=setup:actpass',
  'a=ice-ufrag:kbzc',
  'a=ice-pwd:kibitzconformancebrokersuite',
  'a=ice-options:ice2,trickle',
  'a=fingerprint:sha-256 5A:3B:01:B0:7A:ED:F3:51:25:5D:09:39:75:E2:D8:F2:57:7E:B1:93:AE:0D:9A:1F:51:10:BB:B7:39:DF:C4:5F',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=sendrecv',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\r\n');

export const connectionId = (): string => `dc_${randomBytes(6).toString('hex')}`;

export const offerPayload = (cid = connectionId()) => ({
  sdp: { type: 'offer', sdp: SDP },
  type: 'data',
  connectionId: cid,
  label: cid,
  reliable: true,
  serialization: 'binary',
});

export const answerPayload = (cid = connectionId()) => ({
  sdp: { type: 'answer', sdp: SDP.replace('a=setup:actpass', 'a=setup:active') },
  type: 'data',
  connectionId: cid,
});

export const candidatePayload = (n = 1, cid = connectionId()) => ({
  candidate: {
    candidate: `candidate:${n} 1 UDP 2122317823 127.0.0.1 ${40000 + (n % 20000)} typ host`,
    sdpMid: '0',
    sdpMLineIndex: 0,
    usernameFragment: 'kbzc',
  },
  type: 'data',
  connectionId: cid,
});

/** Deep JSON equality with member order ignored, as SIG-08 compares payloads. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
