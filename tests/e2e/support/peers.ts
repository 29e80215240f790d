// Reference peers for end-to-end tests: fixture certificates with known fingerprints, and PeerJS
// room transports on loopback.
import { certificateFromFiles, type CallCertificate } from '../../../reference/transport/peerjs/certificate.ts';
import { brokerFromUrl } from '../../../reference/transport/peerjs/options.ts';
import { createPeerJsRoomTransport, type PeerJsRoomTransport } from '../../../reference/transport/peerjs/room-transport.ts';

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
