// PeerJS 1.5.5 closes a data connection only on an ICE state of 'failed' or 'closed'. When
// libdatachannel ends a negotiation after ICE connected (the DTLS step; about one dial in 20 on a
// loaded machine), the connection state turns 'failed' or 'closed' and no ICE event follows, so the
// data connection never emits 'close' or 'error' and its owner would wait out a timeout. This
// reports that end to the owner, once per state change that ends the connection.
import type { DataConnection } from 'peerjs';

/** Calls `ended` when the RTCPeerConnection behind `conn` turns 'failed' or 'closed'. */
export function onNegotiationEnd(conn: DataConnection, ended: () => void): void {
  const pc = conn.peerConnection as RTCPeerConnection | null;
  pc?.addEventListener('connectionstatechange', () => {
    if (pc.connectionState === 'failed' || pc.connectionState === 'closed') ended();
  });
}
