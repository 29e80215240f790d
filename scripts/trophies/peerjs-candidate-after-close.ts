// Trophy T15: PeerJS 1.5.5 `Negotiator.handleCandidate` awaits `addIceCandidate` and, when that
// fails, reports through `this.connection.provider.emitError(...)`. If the connection was closed in
// the meantime, `provider` is null: the TypeError escapes the async handler as an unhandled
// rejection (`negotiator.ts:335 Cannot read properties of null (reading 'emitError')`), which ends a
// Node process (a console error in a browser).
// The sequence here is an ordinary one: two candidates PeerJS cannot add arrive in one read of the
// broker socket (PeerJS sends each candidate as its own frame), and the application closes the
// connection when PeerJS reports the first failure, as the reference participant did. Frames are
// handed to the Peer's frame handler directly, as the broker would deliver them.
//   npx tsx scripts/trophies/peerjs-candidate-after-close.ts      exit 0 when it reproduces
// (With GUARDED=1 the reference's workaround, reference/transport/peerjs/late-signaling.ts, is
// installed first: no rejection escapes and the script exits 1.)
import nodeDataChannel from 'node-datachannel';
import * as polyfill from 'node-datachannel/polyfill';
import type { DataConnection } from 'peerjs';
import WebSocket from 'ws';
import { guardLateSignaling } from '../../reference/transport/peerjs/late-signaling.ts';

// The globals PeerJS reads, as in any Node program that runs it (stock polyfill, no reference code).
Object.assign(globalThis, { RTCPeerConnection: polyfill.RTCPeerConnection, RTCSessionDescription: polyfill.RTCSessionDescription, RTCIceCandidate: polyfill.RTCIceCandidate, WebSocket });
const peerjs = await import('peerjs');
if (process.env.GUARDED === '1') guardLateSignaling(peerjs);
const { Peer } = peerjs;

// A Peer that never reaches a broker: only its frame handling is exercised.
const peer = new Peer('trophy-peer', { host: '127.0.0.1', port: 9, path: '/', secure: false, config: { iceServers: [] }, debug: 0 }) as unknown as {
  _handleMessage(m: unknown): void;
  on(e: string, f: (x: unknown) => void): void;
  destroy(): void;
};

// A genuine OFFER, from a native libdatachannel connection.
const remote = new nodeDataChannel.PeerConnection('remote', { iceServers: [], bindAddress: '127.0.0.1' });
const sdp = await new Promise<string>((resolve) => {
  remote.onLocalDescription((s) => resolve(s));
  remote.createDataChannel('x');
});

let conn: DataConnection | null = null;
peer.on('connection', (c) => (conn = c as DataConnection));
// The application hangs up a connection PeerJS reports trouble with.
peer.on('error', () => conn?.close());

const escaped = new Promise<string | null>((resolve) => {
  process.once('unhandledRejection', (e) => resolve((e as Error)?.message ?? String(e)));
  setTimeout(() => resolve(null), 1500);
});

const connectionId = 'dc_trophy';
peer._handleMessage({ type: 'OFFER', src: 'remote', payload: { sdp: { type: 'offer', sdp }, type: 'data', connectionId, label: 'x', serialization: 'binary', reliable: true } });
for (const candidate of ['candidate:not-a-candidate-1', 'candidate:not-a-candidate-2']) {
  peer._handleMessage({ type: 'CANDIDATE', src: 'remote', payload: { candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 }, type: 'data', connectionId } });
}

const message = await escaped;
peer.destroy();
remote.close();
nodeDataChannel.cleanup();
console.log(message ? `reproduced: an unhandled rejection escaped PeerJS after the connection closed: "${message}"` : 'not reproduced: no unhandled rejection');
process.exit(message ? 0 : 1);
