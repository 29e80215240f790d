// The coordinator's end of the presence plane over PeerJS: the registered authority id accepts
// one reliable data connection per participant, keyed by the remote broker id, which the broker
// vouches for [SIG-10]. The remote fingerprint handed to the presence core is the certificate of
// the live DTLS handshake on that connection [HCMD-10, BIND-05, SAS-01].
import type { DataConnection, Peer } from 'peerjs';
import type { JsonObject } from '../../encoding/json.ts';
import type { AuthorityTransport } from '../../presence/transport.ts';
import { connectionSafety, liveRemoteFingerprint, type ConnectionSafety } from './fingerprints.ts';
import { keepRegistered } from './register.ts';

export interface PeerJsAuthority extends AuthorityTransport {
  /** Safety code of every open presence connection, by participant connection id. */
  safety(): Map<string, ConnectionSafety>;
  readonly closed: boolean;
}

export function authorityTransport(peer: Peer): PeerJsAuthority {
  const conns = new Map<string, DataConnection>();
  const h: {
    connect?: (c: string) => void;
    message?: (c: string, m: unknown) => void;
    disconnect?: (c: string) => void;
    gone?: (r: string) => void;
  } = {};
  let closed = false;
  const stopKeepAlive = keepRegistered(peer);

  const drop = (conn: DataConnection) => {
    if (conns.get(conn.peer) !== conn) return; // a replaced connection's late close
    conns.delete(conn.peer);
    h.disconnect?.(conn.peer);
  };

  peer.on('connection', (conn) => {
    if (closed) {
      conn.close();
      return;
    }
    conn.on('open', () => {
      if (closed) return;
      const previous = conns.get(conn.peer);
      if (previous && previous !== conn) {
        // The participant re-dialled; its old connection is over even if its close is late.
        conns.delete(conn.peer);
        h.disconnect?.(conn.peer);
        previous.close();
      }
      conns.set(conn.peer, conn);
      h.connect?.(conn.peer);
    });
    conn.on('data', (data) => {
      if (!closed && conns.get(conn.peer) === conn) h.message?.(conn.peer, data);
    });
    conn.on('close', () => drop(conn));
    conn.on('error', () => drop(conn));
  });

  peer.on('error', (e) => {
    // After a broker socket drop our keepalive re-registers; ID-TAKEN then means someone else
    // holds the authority id now, and this coordinator must step down [SIG-24].
    if ((e as { type?: string }).type === 'unavailable-id' && !closed) {
      stopKeepAlive();
      h.gone?.('signaling.authority-reclaimed');
    }
  });

  return {
    onConnect: (f) => void (h.connect = f),
    onMessage: (f) => void (h.message = f),
    onDisconnect: (f) => void (h.disconnect = f),
    onGone: (f) => void (h.gone = f),
    send(conn: string, msg: JsonObject) {
      const c = conns.get(conn);
      if (!c?.open) return;
      try {
        void c.send(msg);
      } catch {
        /* a connection closing under us; its close event follows */
      }
    },
    remoteFingerprint: (conn) => Promise.resolve(liveRemoteFingerprint(conns.get(conn))),
    safety() {
      const out = new Map<string, ConnectionSafety>();
      for (const [id, c] of conns) {
        const s = connectionSafety(c);
        if (s) out.set(id, s);
      }
      return out;
    },
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      stopKeepAlive(); // before destroy, or a racing reconnect re-takes the id [SIG-25]
      for (const c of conns.values()) c.close();
      conns.clear();
      try {
        peer.destroy();
      } catch {
        /* already destroyed */
      }
    },
  };
}
