// Reference peers for end-to-end tests: fixture certificates with known fingerprints, and PeerJS
// room transports on loopback.
import { certificateFromFiles, type CallCertificate } from '../../../reference/transport/peerjs/certificate.ts';
import { brokerFromUrl } from '../../../reference/transport/peerjs/options.ts';
import { shutdownWebRtc } from '../../../reference/transport/peerjs/environment.ts';
import { createPeerJsRoomTransport, type PeerJsRoomTransport } from '../../../reference/transport/peerjs/room-transport.ts';
import { sleep } from './time.ts';

const CERTS = new URL('../../../vectors/fixtures/certs/', import.meta.url).pathname;

export type Who = 'alice' | 'bob' | 'carol' | 'mallory';

export const fixtureCertificate = (who: Who): CallCertificate => certificateFromFiles(`${CERTS}${who}.crt.pem`, `${CERTS}${who}.key.pem`);

export function loopbackTransport(brokerUrl: string, certificate: CallCertificate, extra: { key?: string; registerTimeoutMs?: number } = {}): PeerJsRoomTransport {
  const broker = { ...brokerFromUrl(brokerUrl), ...(extra.key ? { key: extra.key } : {}) };
  return createPeerJsRoomTransport({
    broker,
    certificate,
    bindAddress: '127.0.0.1',
    ...(extra.registerTimeoutMs ? { registerTimeoutMs: extra.registerTimeoutMs } : {}),
  });
}

/** A test peer with a room, a mesh and a data plane over its transport. */
interface FullPeer {
  plane: { close(): void };
  mesh: { close(): Promise<unknown> };
  room: { close(): void };
  transport: { closeAll(): void };
}

/** The end of a suite of full peers: every peer closed, then the broker, then WebRTC. */
export async function closeFullPeers(peers: Iterable<FullPeer>, broker: { close(): Promise<unknown> }): Promise<void> {
  for (const p of peers) {
    p.plane.close();
    await p.mesh.close().catch(() => {});
    p.room.close();
    p.transport.closeAll();
  }
  await sleep(100);
  await broker.close();
  shutdownWebRtc();
}
