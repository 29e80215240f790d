// A participant's end of the presence plane over PeerJS: a presence peer under a broker-assigned
// id, dialling the authority id on demand [SIG-22]. Retries, open timeouts and liveness belong to
// the presence machine; this only opens, closes and reports.
import type { DataConnection, Peer, PeerOptions } from 'peerjs';
import type { JsonObject } from '../../encoding/json.ts';
import type { ClientTransport } from '../../presence/transport.ts';
import { connectionSafety, type ConnectionSafety } from './fingerprints.ts';
import { afterDrain } from './drain.ts';
import { onNegotiationEnd } from './negotiation-end.ts';
import { keepRegistered, registerPeer } from './register.ts';

export interface PeerJsClient extends ClientTransport {
  /** The id this client dials: the room's authority peer id. */
  readonly authorityId: string;
  /** Our presence peer's broker id once registered (the coordinator's connection id for us). */
  presenceId(): string | null;
  /** Safety code of the open connection to the coordinator, or null. */
  safety(): ConnectionSafety | null;
  readonly closed: boolean;
}

export function clientTransport(authorityId: string, options: PeerOptions, registerTimeoutMs?: number): PeerJsClient {
  const h: { open?: () => void; message?: (m: unknown) => void; closed?: () => void; unavailable?: (code: string) => void } = {};
  let peer: Peer | null = null;
  let registering = false;
  let stopKeepAlive: (() => void) | null = null;
  let conn: DataConnection | null = null;
  let wantDial = false;
  let closed = false;

  // Reported on a later turn, so a machine that dials from inside a handler is never re-entered.
  const later = (f: (() => void) | undefined) => queueMicrotask(() => !closed && f?.());

  const detach = (c: DataConnection | null) => {
    if (!c) return;
    c.removeAllListeners();
    c.on('error', () => {});
    try {
      c.close();
    } catch {
      /* already closed */
    }
  };

  const openConn = () => {
    wantDial = false;
    const p = peer;
    if (!p || closed) return;
    const c = p.connect(authorityId, { reliable: true });
    if (!c) {
      later(h.closed); // the presence peer lost its broker socket; the machine retries
      return;
    }
    conn = c;
    c.on('open', () => conn === c && !closed && h.open?.());
    c.on('data', (data) => conn === c && !closed && h.message?.(data));
    const dead = () => {
      if (conn !== c) return;
      conn = null;
      later(h.closed);
    };
    c.on('close', dead);
    c.on('error', dead);
    // A dial whose negotiation libdatachannel ended gets no 'close' from PeerJS: report it now
    // instead of after the 15 s open timeout, so the machine re-dials after its backoff [PRES-37].
    onNegotiationEnd(c, () => {
      if (conn !== c) return;
      conn = null;
      detach(c);
      later(h.closed);
    });
  };

  const ensurePeer = () => {
    if (peer || registering || closed) return;
    registering = true;
    void registerPeer(undefined, options, registerTimeoutMs).then((r) => {
      registering = false;
      if (closed) {
        if (r.ok) r.value.destroy();
        return;
      }
      if (!r.ok) {
        if (wantDial) {
          wantDial = false;
          later(h.closed);
        }
        return;
      }
      peer = r.value;
      stopKeepAlive = keepRegistered(peer);
      peer.on('error', (e) => {
        const type = (e as { type?: string }).type;
        // EXPIRE for the authority id: nobody holds it [SIG-13].
        if (type === 'peer-unavailable') later(() => h.unavailable?.('signaling.peer-unavailable'));
        // 'webrtc' reports one negotiation step of some connection of this Peer: a candidate it
        // could not add while others work, or the late failure of a dial already replaced. It says
        // nothing certain about the current dial, and closing on it killed dials that would have
        // opened; a dial that really fails closes, or misses the open timeout [PRES-37].
        else if (type === 'webrtc') return;
        // Other errors concern the broker socket; an open presence link does not depend on it.
        else if (conn && !conn.open) {
          const c = conn;
          conn = null;
          detach(c);
          later(h.closed);
        }
      });
      if (wantDial) openConn();
    });
  };

  return {
    authorityId,
    dial() {
      if (closed) return;
      const previous = conn;
      conn = null;
      detach(previous); // closed silently: its close must not look like the new link failing
      if (peer && !peer.disconnected && !peer.destroyed) openConn();
      else {
        wantDial = true;
        if (peer && (peer.disconnected || peer.destroyed)) {
          // The presence peer is unusable: start over with a fresh registration.
          stopKeepAlive?.();
          peer.destroy();
          peer = null;
        }
        ensurePeer();
      }
    },
    onOpen: (f) => void (h.open = f),
    onMessage: (f) => void (h.message = f),
    onClosed: (f) => void (h.closed = f),
    onUnavailable: (f) => void (h.unavailable = f),
    send(msg: JsonObject) {
      if (!conn?.open) return;
      try {
        void conn.send(msg);
      } catch {
        /* closing under us; its close event follows */
      }
    },
    presenceId: () => (peer?.open ? peer.id : null),
    safety: () => (conn?.open ? connectionSafety(conn) : null),
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      stopKeepAlive?.(); // before destroy [SIG-25]
      const c = conn;
      const p = peer;
      conn = null;
      // What was just sent (the leave of PRES-44) leaves before the connection does.
      afterDrain(c, () => {
        detach(c);
        try {
          p?.destroy();
        } catch {
          /* already destroyed */
        }
      });
    },
  };
}
