// The presence transport seam (reference/presence/transport.ts) in a browser: the PeerJS browser
// bundle (`window.peerjs`) on the browser's own RTCPeerConnection, with one RTCCertificate per call
// pinned in RTCConfiguration.certificates [SAS-18, BIND-04]. The logic is the Node transport's
// (reference/transport/peerjs/): claim with the 8 s bound and its three outcomes [SIG-20, SIG-21],
// keepalive re-registration [SIG-23], connections keyed by the remote broker id [SIG-10]. What
// differs is where certificates come from: the remote one from getRemoteCertificates() of the
// connection's DTLS transport [SAS-01, SAS-02], the local one from our own local SDP [SAS-03].
import type { DataConnection, Peer, PeerOptions } from 'peerjs';
import type { JsonObject } from '../../encoding/json.ts';
import type { AuthorityTransport, ClaimResult, ClientTransport } from '../../presence/transport.ts';
import { BROKER_ID_PATTERN, PEER_ID_PREFIX } from '../../room/normalize.ts';
import { localFingerprintFromSdp, remoteFingerprint } from '../../sas/fingerprint-source.ts';
import { afterDrain } from '../../transport/peerjs/drain.ts';
import type { PeerNet } from '../session.ts';

declare const peerjs: { Peer: typeof Peer };

/** Every data connection this page's peers made or accepted (the transcript maps channels to them). */
export const dataConnections = new Set<DataConnection>();

/** A registration with no OPEN, ID-TAKEN or ERROR by then is an error, ms [SIG-20]. */
const REGISTER_TIMEOUT_MS = 8000;
/** Broker heartbeat, ms [SIG-15]. */
const BROKER_PING_MS = 5000;

type Pair = { local: string; remote: string };

/** Both fingerprints of a live connection, or null while either is unreadable [SAS-10]. */
function pairOf(conn: DataConnection | undefined): Pair | null {
  try {
    const pc = conn?.peerConnection;
    const transport = pc?.sctp?.transport as (RTCDtlsTransport & { getRemoteCertificates?: () => ArrayBuffer[] }) | undefined;
    const certs = transport?.getRemoteCertificates?.() ?? [];
    const remote = remoteFingerprint(certs.map((c) => new Uint8Array(c)));
    const sdp = pc?.localDescription?.sdp;
    const local = sdp ? localFingerprintFromSdp(sdp) : null;
    return remote.ok && local?.ok ? { local: local.value, remote: remote.value } : null;
  } catch {
    return null;
  }
}

function token(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''); // [MSG-11]
}

async function register(id: string | undefined, options: PeerOptions): Promise<{ ok: true; peer: Peer } | { ok: false; code: string }> {
  const opts: PeerOptions = { ...options, token: token() };
  let peer: Peer;
  try {
    peer = id === undefined ? new peerjs.Peer(opts) : new peerjs.Peer(id, opts);
  } catch {
    return { ok: false, code: 'signaling.broker-error' };
  }
  const outcome = await new Promise<{ ok: true; peer: Peer } | { ok: false; code: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, code: 'signaling.claim-timeout' }), REGISTER_TIMEOUT_MS);
    peer.once('open', () => {
      clearTimeout(timer);
      resolve({ ok: true, peer });
    });
    peer.once('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, code: (e as { type?: string }).type === 'unavailable-id' ? 'signaling.id-taken' : 'signaling.broker-error' });
    });
  });
  if (!outcome.ok) {
    peer.removeAllListeners();
    peer.on('error', () => {});
    try {
      peer.destroy(); // before acting on the outcome [SIG-21]
    } catch {
      /* gone */
    }
  }
  return outcome;
}

/** Re-registers after a broker socket drop [SIG-23]; the stopper runs before a deliberate destroy [SIG-25]. */
function keepRegistered(peer: Peer): () => void {
  let stopped = false;
  const again = () => {
    if (!stopped && !peer.destroyed && peer.disconnected) {
      try {
        peer.reconnect();
      } catch {
        /* destroyed meanwhile */
      }
    }
  };
  peer.on('disconnected', again);
  return () => {
    stopped = true;
    peer.off('disconnected', again);
  };
}

function authority(peer: Peer): AuthorityTransport & { pairs(): Map<string, Pair>; closed: boolean } {
  const conns = new Map<string, DataConnection>();
  const h: { connect?: (c: string) => void; message?: (c: string, m: unknown) => void; disconnect?: (c: string) => void; gone?: (r: string) => void } = {};
  let closed = false;
  const stop = keepRegistered(peer);
  const drop = (conn: DataConnection) => {
    if (conns.get(conn.peer) !== conn) return;
    conns.delete(conn.peer);
    h.disconnect?.(conn.peer);
  };
  peer.on('connection', (conn) => {
    dataConnections.add(conn);
    if (closed) return void conn.close();
    conn.on('open', () => {
      if (closed) return;
      const previous = conns.get(conn.peer);
      if (previous && previous !== conn) {
        conns.delete(conn.peer);
        h.disconnect?.(conn.peer);
        previous.close();
      }
      conns.set(conn.peer, conn);
      h.connect?.(conn.peer);
    });
    conn.on('data', (d) => !closed && conns.get(conn.peer) === conn && h.message?.(conn.peer, d));
    conn.on('close', () => drop(conn));
    conn.on('error', () => drop(conn));
  });
  peer.on('error', (e) => {
    if ((e as { type?: string }).type === 'unavailable-id' && !closed) {
      stop();
      h.gone?.('signaling.authority-reclaimed'); // [SIG-24]
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
        /* closing */
      }
    },
    remoteFingerprint: async (conn) => pairOf(conns.get(conn))?.remote ?? null,
    pairs() {
      const out = new Map<string, Pair>();
      for (const [id, c] of conns) {
        const p = pairOf(c);
        if (p) out.set(id, p);
      }
      return out;
    },
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      stop();
      for (const c of conns.values()) c.close();
      conns.clear();
      try {
        peer.destroy();
      } catch {
        /* gone */
      }
    },
  };
}

function client(authorityId: string, options: PeerOptions): ClientTransport & { authorityId: string; pair(): Pair | null; presenceId(): string | null; closed: boolean } {
  const h: { open?: () => void; message?: (m: unknown) => void; closed?: () => void; unavailable?: (c: string) => void } = {};
  let peer: Peer | null = null;
  let registering = false;
  let stop: (() => void) | null = null;
  let conn: DataConnection | null = null;
  let wantDial = false;
  let closed = false;
  const later = (f: (() => void) | undefined) => queueMicrotask(() => !closed && f?.());
  const detach = (c: DataConnection | null) => {
    if (!c) return;
    c.removeAllListeners();
    c.on('error', () => {});
    try {
      c.close();
    } catch {
      /* closed */
    }
  };
  const openConn = () => {
    wantDial = false;
    if (!peer || closed) return;
    const c = peer.connect(authorityId, { reliable: true });
    if (!c) return later(h.closed);
    dataConnections.add(c);
    conn = c;
    c.on('open', () => conn === c && !closed && h.open?.());
    c.on('data', (d) => conn === c && !closed && h.message?.(d));
    const dead = () => {
      if (conn !== c) return;
      conn = null;
      later(h.closed);
    };
    c.on('close', dead);
    c.on('error', dead);
  };
  const ensurePeer = () => {
    if (peer || registering || closed) return;
    registering = true;
    void register(undefined, options).then((r) => {
      registering = false;
      if (closed) return void (r.ok && r.peer.destroy());
      if (!r.ok) {
        if (wantDial) {
          wantDial = false;
          later(h.closed);
        }
        return;
      }
      peer = r.peer;
      stop = keepRegistered(peer);
      peer.on('error', (e) => {
        if ((e as { type?: string }).type === 'peer-unavailable') later(() => h.unavailable?.('signaling.peer-unavailable')); // [SIG-13]
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
      detach(previous);
      if (peer && !peer.disconnected && !peer.destroyed) openConn();
      else {
        wantDial = true;
        if (peer && (peer.disconnected || peer.destroyed)) {
          stop?.();
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
        /* closing */
      }
    },
    pair: () => (conn?.open ? pairOf(conn) : null),
    presenceId: () => (peer?.open ? peer.id : null),
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      stop?.();
      const c = conn;
      const p = peer;
      conn = null;
      // What was just sent (the leave of PRES-44) leaves before the connection does.
      afterDrain(c, () => {
        detach(c);
        try {
          p?.destroy();
        } catch {
          /* gone */
        }
      });
    },
  };
}

/** A browser peer's network: one certificate, one broker, every Peer it registers [SIG-26, BIND-04]. */
export async function browserNet(brokerUrl: string): Promise<PeerNet> {
  const u = new URL(brokerUrl);
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  const certificate = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams); // [SAS-18]
  const sha = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256');
  if (!sha?.value) throw new Error('the browser gave the certificate no sha-256 fingerprint');
  const options: PeerOptions = {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 443 : 80,
    path: u.pathname || '/',
    secure,
    key: 'peerjs',
    pingInterval: BROKER_PING_MS,
    debug: 0,
    config: { iceServers: [], certificates: [certificate] },
  };
  const authorities = new Set<ReturnType<typeof authority>>();
  const clients = new Set<ReturnType<typeof client>>();
  let shut = false;
  const live = <T extends { closed: boolean }>(set: Set<T>): T[] => {
    for (const t of set) if (t.closed) set.delete(t);
    return [...set];
  };
  const transport: PeerNet['transport'] = {
    async claim(roomId: string): Promise<ClaimResult> {
      const id = PEER_ID_PREFIX + roomId;
      if (!BROKER_ID_PATTERN.test(id) || shut) return 'error';
      const r = await register(id, options);
      if (!r.ok) return r.code === 'signaling.id-taken' ? 'taken' : 'error';
      const a = authority(r.peer);
      if (shut) {
        a.close();
        return 'error';
      }
      authorities.add(a);
      return { transport: a };
    },
    connect(roomId: string) {
      const c = client(PEER_ID_PREFIX + roomId, options);
      if (shut) c.close();
      else clients.add(c);
      return c;
    },
    safety() {
      const out = new Map<string, Pair>();
      for (const a of live(authorities)) for (const [k, v] of a.pairs()) out.set(k, v);
      for (const c of live(clients)) {
        const p = c.pair();
        if (p) out.set(c.authorityId, p);
      }
      return out;
    },
    presenceId() {
      for (const c of live(clients)) {
        const id = c.presenceId();
        if (id) return id;
      }
      return null;
    },
    closeAll() {
      shut = true;
      for (const a of authorities) a.close();
      for (const c of clients) c.close();
      authorities.clear();
      clients.clear();
    },
  };
  return { transport, fingerprint: sha.value.trim().toLowerCase(), dispose: () => {} };
}
