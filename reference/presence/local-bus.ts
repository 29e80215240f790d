// An in-memory broker + network implementing the transport seam (transport.ts), for tests and
// simulations. Unlike upstream's in-memory bus it behaves like a real broker where that matters
// (spec/08-presence.md, "Interoperability"): exactly one claimant wins an authority id, dialing
// an id nobody holds reports "peer unavailable", ids a broker would refuse are refused [ROOM-06],
// and every frame goes through a JSON round trip. In async mode it injects loss, duplication,
// reordering, latency, partitions and coordinator crashes, all drawn from a seeded PRNG so a
// failing run replays from its seed.
import type { JsonObject } from '../encoding/json.ts';
import { BROKER_ID_PATTERN, PEER_ID_PREFIX } from '../room/normalize.ts';
import type { Clock } from './clock.ts';
import { between, seededRng, type Rng } from './prng.ts';
import type { AuthorityTransport, ClaimResult, ClientTransport, RoomTransport } from './transport.ts';

export interface BusFaults {
  /** Probability that a frame is lost. */
  loss?: number;
  /** Probability that a frame is delivered twice. */
  duplicate?: number;
  /** Probability that a frame ignores per-link FIFO order (delivered with its own latency). */
  reorder?: number;
  /** Delivery latency range in ms, inclusive (async mode). */
  latency?: [number, number];
}

export interface LocalBusOptions {
  /** 'sync' delivers inside the sender's call (like upstream's bus); 'async' through the clock. */
  mode?: 'sync' | 'async';
  clock?: Clock;
  seed?: number;
  faults?: BusFaults;
}

export interface BusStats {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
}

export interface LocalBus extends RoomTransport {
  setFaults(f: BusFaults): void;
  /** Cut these participant endpoints off from every coordinator until heal(). */
  partition(endpoints: string[]): void;
  heal(): void;
  /** The coordinator of `roomId` dies. Silent: its participants' links just go quiet. */
  crash(roomId: string, opts?: { silent?: boolean }): void;
  /** The coordinator loses its broker registration without noticing (a socket drop): split brain. */
  unregister(roomId: string): void;
  /** Label of the authority that holds the room's id, or null. */
  holder(roomId: string): string | null;
  /** The fingerprint an endpoint presents (endpoints are e1, e2, … in connect() order). */
  fingerprintOf(endpoint: string): string;
  readonly stats: BusStats;
}

interface AuthHandlers {
  connect?: (conn: string) => void;
  message?: (conn: string, msg: unknown) => void;
  disconnect?: (conn: string) => void;
  gone?: (reason: string) => void;
}
interface ClientHandlers {
  open?: () => void;
  message?: (msg: unknown) => void;
  closed?: () => void;
  unavailable?: (code: string) => void;
}
interface Authority {
  label: string;
  roomId: string;
  handlers: AuthHandlers;
  conns: Map<string, Endpoint>;
  dead: boolean;
}
interface Endpoint {
  id: string;
  roomId: string;
  handlers: ClientHandlers;
  conn: string | null;
  authority: Authority | null;
  dials: number;
  closed: boolean;
}

const validRoom = (roomId: string): boolean => BROKER_ID_PATTERN.test(PEER_ID_PREFIX + roomId);
const roundTrip = (msg: unknown): unknown => JSON.parse(JSON.stringify(msg)) as unknown;

export function createLocalBus(opts: LocalBusOptions = {}): LocalBus {
  const mode = opts.mode ?? 'sync';
  const clock = opts.clock;
  if (mode === 'async' && !clock) throw new Error('an async bus needs a clock');
  const rng: Rng = seededRng(opts.seed ?? 1);
  let faults: BusFaults = { ...(opts.faults ?? {}) };
  const holders = new Map<string, Authority>();
  const orphans: Authority[] = [];
  const partitioned = new Set<string>();
  const fifo = new Map<string, number>(); // link -> time of its last scheduled delivery
  let endpoints = 0;
  let authorities = 0;
  const stats: BusStats = { sent: 0, delivered: 0, lost: 0, duplicated: 0 };

  /** Schedules `fn` on the link `link`, applying the current faults. */
  const deliver = (link: string, fn: () => void, lossy = true): void => {
    stats.sent++;
    if (lossy && faults.loss && rng() < faults.loss) {
      stats.lost++;
      return;
    }
    const copies = lossy && faults.duplicate && rng() < faults.duplicate ? 2 : 1;
    if (copies === 2) stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      if (mode === 'sync' || !clock) {
        stats.delivered++;
        fn();
        continue;
      }
      const [lo, hi] = faults.latency ?? [0, 0];
      let at = clock.now() + between(rng, lo, hi);
      const reorder = lossy && faults.reorder && rng() < faults.reorder;
      if (!reorder) at = Math.max(at, fifo.get(link) ?? 0);
      fifo.set(link, Math.max(at, fifo.get(link) ?? 0));
      clock.setTimer(at, () => {
        stats.delivered++;
        fn();
      });
    }
  };
  const control = (link: string, fn: () => void): void => deliver(link, fn, false); // link events are never lost

  /** An authority stops holding its room: its links close (or, silently, just stop carrying frames). */
  const retire = (auth: Authority, silent: boolean): void => {
    auth.dead = true;
    if (holders.get(auth.roomId) === auth) holders.delete(auth.roomId);
    if (!silent) {
      for (const [conn, ep] of auth.conns) {
        control(`${conn}:down`, () => {
          if (ep.conn === conn && !ep.closed) {
            ep.conn = null;
            ep.authority = null;
            ep.handlers.closed?.();
          }
        });
      }
    }
    auth.conns.clear();
  };

  const claim = (roomId: string): Promise<ClaimResult> =>
    new Promise((resolve) => {
      if (!validRoom(roomId)) return resolve('error'); // a broker refuses the id [ROOM-06]
      control(`claim:${roomId}`, () => {
        if (holders.has(roomId)) return resolve('taken');
        const auth: Authority = { label: `a${++authorities}`, roomId, handlers: {}, conns: new Map(), dead: false };
        holders.set(roomId, auth);
        for (const o of orphans.filter((x) => x.roomId === roomId && !x.dead)) {
          control(`gone:${o.label}`, () => o.handlers.gone?.('signaling.authority-reclaimed'));
        }
        resolve({ transport: authorityTransport(auth) });
      });
    });

  const authorityTransport = (auth: Authority): AuthorityTransport => ({
    onConnect: (h) => void (auth.handlers.connect = h),
    onMessage: (h) => void (auth.handlers.message = h),
    onDisconnect: (h) => void (auth.handlers.disconnect = h),
    onGone: (h) => void (auth.handlers.gone = h),
    send(conn, msg) {
      const ep = auth.conns.get(conn);
      if (auth.dead || !ep || partitioned.has(ep.id)) {
        if (ep && partitioned.has(ep.id)) stats.lost++;
        return;
      }
      const copy = roundTrip(msg);
      deliver(`${conn}:down`, () => {
        if (ep.conn === conn && ep.authority === auth && !ep.closed && !partitioned.has(ep.id)) ep.handlers.message?.(copy);
      });
    },
    remoteFingerprint: (conn) => Promise.resolve(auth.conns.has(conn) && !auth.dead ? fingerprintOf(auth.conns.get(conn)!.id) : null),
    close() {
      if (!auth.dead) retire(auth, false);
    },
  });

  const fingerprintOf = (endpoint: string): string => `fp:${endpoint}`;

  const connect = (roomId: string): ClientTransport => {
    const ep: Endpoint = { id: `e${++endpoints}`, roomId, handlers: {}, conn: null, authority: null, dials: 0, closed: false };
    const hangUp = (): void => {
      const prev = ep.conn;
      const auth = ep.authority;
      ep.conn = null;
      ep.authority = null;
      if (prev && auth && auth.conns.get(prev) === ep) {
        auth.conns.delete(prev);
        if (!auth.dead) control(`${prev}:up`, () => auth.handlers.disconnect?.(prev));
      }
    };
    return {
      onOpen: (h) => void (ep.handlers.open = h),
      onMessage: (h) => void (ep.handlers.message = h),
      onClosed: (h) => void (ep.handlers.closed = h),
      onUnavailable: (h) => void (ep.handlers.unavailable = h),
      dial() {
        if (ep.closed) return;
        hangUp();
        const conn = `${ep.id}-${++ep.dials}`;
        ep.conn = conn;
        control(`${conn}:up`, () => {
          if (ep.closed || ep.conn !== conn) return;
          const auth = validRoom(roomId) ? holders.get(roomId) : undefined;
          if (!auth) {
            ep.conn = null;
            return ep.handlers.unavailable?.('signaling.peer-unavailable'); // nobody holds the id
          }
          if (partitioned.has(ep.id)) {
            ep.conn = null;
            return ep.handlers.closed?.();
          }
          ep.authority = auth;
          auth.conns.set(conn, ep);
          auth.handlers.connect?.(conn);
          if (ep.conn === conn) ep.handlers.open?.();
        });
      },
      send(msg: JsonObject) {
        const conn = ep.conn;
        const auth = ep.authority;
        if (ep.closed || !conn || !auth || auth.dead) return;
        if (partitioned.has(ep.id)) {
          stats.lost++;
          return;
        }
        const copy = roundTrip(msg);
        deliver(`${conn}:up`, () => {
          if (!auth.dead && auth.conns.get(conn) === ep) auth.handlers.message?.(conn, copy);
        });
      },
      close() {
        if (ep.closed) return;
        hangUp();
        ep.closed = true;
      },
    };
  };

  return {
    claim,
    connect,
    stats,
    fingerprintOf,
    setFaults: (f) => void (faults = { ...f }),
    partition: (eps) => eps.forEach((e) => partitioned.add(e)),
    heal: () => partitioned.clear(),
    holder: (roomId) => holders.get(roomId)?.label ?? null,
    unregister(roomId) {
      const auth = holders.get(roomId);
      if (!auth) return;
      holders.delete(roomId);
      orphans.push(auth);
    },
    crash(roomId, o = {}) {
      const auth = holders.get(roomId);
      if (auth) retire(auth, o.silent === true); // silent: the links just go quiet; the silence check notices
    },
  };
}
