// Trophy T9: PeerJS 1.5.5 reads `payload.msg` of a broker's ERROR frame without checking that
// `payload` exists. A broker (or anyone who can write to a plain ws: socket) that sends
// {"type":"ERROR"} makes the client's message handler throw instead of reporting the error, so a
// Kibitz claim learns nothing until its own 8 s timeout. MSG-14 requires brokers to send a payload.
//   npx tsx scripts/trophies/peerjs-error-without-payload.ts      exit 0 when it reproduces
import { loadPeerJs, shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';

const { Peer } = await loadPeerJs();
// A Peer that never reaches a broker: only its frame handler is exercised.
const peer = new Peer('trophy-peer', { host: '127.0.0.1', port: 9, path: '/', secure: false }) as unknown as {
  _handleMessage(m: unknown): void;
  on(e: string, f: (err: unknown) => void): void;
  destroy(): void;
};
let reported = '';
peer.on('error', (e) => { reported = String((e as { type?: string }).type ?? e); });
let thrown = '';
try {
  peer._handleMessage({ type: 'ERROR' });
} catch (e) {
  thrown = (e as Error).message;
}
peer.destroy();
shutdownWebRtc();
console.log(thrown ? `reproduced: the ERROR frame without payload threw "${thrown}"` : `not reproduced; error event: ${reported || 'none'}`);
process.exit(thrown ? 0 : 1);
