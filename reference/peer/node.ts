// The Node platform of the reference peer program: each peer gets a fresh certificate [SAS-18] and
// a PeerJS transport on node-datachannel that presents it on every connection [BIND-04]; the
// transcript comes from the data-channel tap. The certificate lives in memory only, so a late OFFER
// that reaches a peer after it left finds nothing missing.
import { freshCallCertificate } from '../transport/peerjs/certificate.ts';
import { brokerFromUrl } from '../transport/peerjs/options.ts';
import { createPeerJsRoomTransport } from '../transport/peerjs/room-transport.ts';
import type { PeerPlatform } from './ops.ts';
import { installTap, tappedFor } from './tap.ts';

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i;

export const NODE_PLATFORM: PeerPlatform = {
  prepare: installTap,
  net(input) {
    const certificate = freshCallCertificate();
    const broker = brokerFromUrl(input.broker);
    const transport = createPeerJsRoomTransport({
      broker,
      certificate,
      // Loopback brokers mean a test machine: keep ICE on loopback [ADP-43].
      ...(LOOPBACK.test(broker.host) ? { bindAddress: '127.0.0.1' } : {}),
    });
    return { transport, fingerprint: certificate.fingerprint, dispose: () => {} };
  },
  transcript: (fp) => tappedFor(fp).map(({ localFp: _fp, ...m }) => m),
};
