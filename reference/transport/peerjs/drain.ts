// Closing a PeerJS data connection closes its whole RTCPeerConnection at once, and a frame sent just
// before (the `leave` a participant owes the coordinator [PRES-44]) can be lost with it. So a
// deliberate close waits until the data channel has handed its buffer to the transport, plus a
// little, and at most MAX_WAIT_MS.
import type { DataConnection } from 'peerjs';

const MAX_WAIT_MS = 500;
const GRACE_MS = 50;

/** Runs `then` once `conn`'s channel has no buffered bytes left (or is not open), bounded in time. */
export function afterDrain(conn: DataConnection | null, then: () => void): void {
  const dc = conn?.dataChannel as RTCDataChannel | undefined;
  if (!dc || dc.readyState !== 'open') return then();
  const deadline = Date.now() + MAX_WAIT_MS;
  const poll = () => {
    let buffered = 0;
    try {
      buffered = dc.bufferedAmount;
    } catch {
      buffered = 0;
    }
    if (buffered === 0 || Date.now() >= deadline) setTimeout(then, buffered === 0 ? GRACE_MS : 0);
    else setTimeout(poll, 10);
  };
  poll();
}
