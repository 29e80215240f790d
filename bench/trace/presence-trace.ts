// A deterministic presence trace: what a coordinator receives from N peers over some simulated
// minutes (joins, knocks, re-announces, pings, beats, cam changes, reconnects, departures and a
// host moderating with signed commands). The format is documented in bench/trace/README.md so
// that any implementation can replay the same file; `npx tsx bench/trace/presence-trace.ts
// --n 200 --seconds 600 > trace.jsonl` writes one.
//
// The trace is open loop: peers act on their own schedule and never on what the coordinator
// answers (a kicked peer leaves 100 ms after the kick, whether or not the kick arrived). The one
// exception is the answer to a `request`, which the replay rule supplies (README).
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { between, seededRng, type Rng } from '../../reference/presence/prng.ts';
import { HOST_FP, OTHER_FP, host, ROOM, T0 } from '../../vectors/gen/presence-dsl.ts';

export const TRACE_FORMAT = 'kbz-presence-trace/1';

/** What happens how often. Means are per peer; each schedule is drawn from the seed. */
export interface TraceRates {
  /** Mean seconds between a peer's camera toggles (a roster change). */
  camEveryS: number;
  /** Mean seconds between a peer's reconnects (connection drops, re-dial 2000 ms later). */
  reconnectEveryS: number;
  /** Mean seconds a peer stays before leaving for good; a newcomer takes its place 5 s later. */
  stayS: number;
  /** One host command every this many ms (claim first, then lock, unlock, lobbyon, admit, lobbyoff, kick, ...). */
  hostEveryMs: number;
}

export const DEFAULT_RATES: TraceRates = { camEveryS: 300, reconnectEveryS: 600, stayS: 1800, hostEveryMs: 10_000 };

export interface TraceOptions {
  n: number;
  seconds: number;
  seed?: number;
  rates?: Partial<TraceRates>;
}

export type TraceKind =
  | 'self' | 'join' | 'knock' | 'announce' | 'change' | 'ping' | 'tick' | 'reconnect' | 'leave' | 'host';

export const TRACE_KINDS: readonly TraceKind[] = ['self', 'join', 'knock', 'announce', 'change', 'ping', 'tick', 'reconnect', 'leave', 'host'];

export interface TraceLine {
  at: number;
  kind: TraceKind;
  event: JsonObject;
}

export interface TraceHeader {
  format: typeof TRACE_FORMAT;
  n: number;
  seconds: number;
  seed: number;
  rates: TraceRates;
  role: 'coordinator';
  config: JsonObject;
  start: number;
  /** Replay rule for `request` outputs: fingerprint of these connections, else `defaultFingerprint`. */
  fingerprints: Record<string, string>;
  defaultFingerprint: string;
  events: number;
}

export interface Trace {
  header: TraceHeader;
  lines: TraceLine[];
}

const REANNOUNCE = [600, 1800];
const REANNOUNCE_EVERY = 3000;
const PING_EVERY = 2500;
const BEAT = 2500;
const REDIAL_MS = 2000;
const REPLACE_MS = 5000;
const AVATARS = ['', '', '🦊', '🐙', '🌵', 'https://avatars.example.org/u/4711.png'];
const HOST_OPS = ['lock', 'unlock', 'lobbyon', 'admit', 'lobbyoff', 'kick'] as const;

interface Peer {
  index: number;
  token: string;
  voiceId: string;
  name: string;
  avatar: string;
  meta?: JsonObject;
  cam: boolean;
  conn: string;
  /** Bumped on every reconnect or departure: scheduled events of an older generation are void. */
  gen: number;
  present: boolean;
  isHost: boolean;
}

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

const uuidish = (rng: Rng): string => {
  const hex = (k: number) => Array.from({ length: k }, () => between(rng, 0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};
/** An exponential delay with the given mean, in whole ms, at least 1. */
const expMs = (rng: Rng, meanS: number): number => Math.max(1, Math.round(-Math.log(1 - rng()) * meanS * 1000));

export function generateTrace(opts: TraceOptions): Trace {
  const seed = opts.seed ?? 1;
  const rates: TraceRates = { ...DEFAULT_RATES, ...opts.rates };
  const rng = seededRng(seed);
  const end = T0 + opts.seconds * 1000;
  const lines: TraceLine[] = [];
  const queue: Pending[] = [];
  let seq = 0;
  let connSerial = 0;
  const peers: Peer[] = [];
  const fingerprints: Record<string, string> = {};
  let lobbyOn = false;
  /** Connections that knocked while the lobby was on, oldest first: who the next `admit` names. */
  const knocked: string[] = [];

  const at = (t: number, run: () => void) => {
    if (t <= end) queue.push({ at: t, seq: seq++, run });
  };
  const emit = (t: number, kind: TraceKind, event: JsonObject) => lines.push({ at: t, kind, event });
  const message = (conn: string, msg: JsonObject): JsonObject => ({ type: 'message', conn, msg });
  const voice = (p: Peer, on = true): JsonObject => {
    const v: JsonObject = { t: 'voice', on, cam: p.cam, name: p.name, avatar: p.avatar, voiceId: p.voiceId, token: p.token };
    if (p.meta) v.meta = p.meta;
    return v;
  };
  const knock = (p: Peer): JsonObject => ({ t: 'knock', name: p.name, avatar: p.avatar, token: p.token, voiceId: p.voiceId });
  const newConn = (p: Peer): string => {
    p.conn = `c${++connSerial}`;
    if (p.isHost) fingerprints[p.conn] = HOST_FP;
    return p.conn;
  };
  /** Runs `f` at `t` only if the peer is still in the same generation (not reconnected or gone). */
  const forGen = (p: Peer, t: number, f: () => void) => {
    const g = p.gen;
    at(t, () => {
      if (p.gen === g && p.present) f();
    });
  };

  /** A presence connection opens: connect, knock, voice; then pings and re-announces on their clocks [PRES-35], [PRES-40]. */
  const open = (p: Peer, t: number, kind: TraceKind) => {
    const conn = newConn(p);
    emit(t, kind, { type: 'connect', conn });
    emit(t, lobbyOn ? 'knock' : kind, message(conn, knock(p)));
    if (lobbyOn) knocked.push(conn);
    emit(t, kind, message(conn, voice(p)));
    for (const d of REANNOUNCE) forGen(p, t + d, () => emit(t + d, 'announce', message(p.conn, voice(p))));
    const reannounce = (k: number) => forGen(p, t + k * REANNOUNCE_EVERY, () => {
      emit(t + k * REANNOUNCE_EVERY, 'announce', message(p.conn, voice(p)));
      reannounce(k + 1);
    });
    reannounce(1);
    const ping = (k: number) => forGen(p, t + k * PING_EVERY, () => {
      emit(t + k * PING_EVERY, 'ping', message(p.conn, { t: 'ping' }));
      ping(k + 1);
    });
    ping(1);
  };

  const depart = (p: Peer, t: number) => {
    if (!p.present) return;
    emit(t, 'leave', message(p.conn, voice(p, false)));
    emit(t, 'leave', message(p.conn, { t: 'leave' }));
    emit(t, 'leave', { type: 'disconnect', conn: p.conn });
    p.present = false;
    p.gen++;
    at(t + REPLACE_MS, () => join(t + REPLACE_MS));
  };

  const lifeEvents = (p: Peer, t0: number) => {
    const cam = (t: number) => forGen(p, t, () => {
      p.cam = !p.cam;
      emit(t, 'change', message(p.conn, voice(p)));
      cam(t + expMs(rng, rates.camEveryS));
    });
    cam(t0 + expMs(rng, rates.camEveryS));
    if (p.isHost) return; // the host stays, on one connection: its commands are bound to it
    const reconnect = (t: number) => {
      const g = p.gen;
      at(t, () => {
        if (p.gen !== g || !p.present) return;
        emit(t, 'reconnect', { type: 'disconnect', conn: p.conn });
        p.gen++;
        const back = t + REDIAL_MS;
        at(back, () => {
          if (!p.present) return;
          open(p, back, 'reconnect');
          reconnect(back + expMs(rng, rates.reconnectEveryS));
        });
      });
    };
    reconnect(t0 + expMs(rng, rates.reconnectEveryS));
    const leaveAt = t0 + expMs(rng, rates.stayS);
    at(leaveAt, () => depart(p, leaveAt));
  };

  const join = (t: number, isHost = false) => {
    const index = peers.length;
    const p: Peer = {
      index,
      token: Array.from({ length: 32 }, () => between(rng, 0, 15).toString(16)).join(''),
      voiceId: uuidish(rng),
      name: isHost ? 'Host' : `Participant ${index}`,
      avatar: AVATARS[index % AVATARS.length]!,
      cam: rng() < 0.5,
      conn: '',
      gen: 0,
      present: true,
      isHost,
    };
    if (index % 3 === 0) p.meta = { lang: 'en', client: 'kibitz-web/1.0' };
    peers.push(p);
    open(p, t, 'join');
    lifeEvents(p, t);
  };

  // The coordinator's own peer is in the call too; peer 0 is the host; the rest arrive over a ramp.
  emit(T0 + 50, 'self', { type: 'local', op: 'self', on: true, cam: true, name: 'Coordinator', avatar: '', voiceId: uuidish(rng) });
  at(T0 + 100, () => join(T0 + 100, true));
  const ramp = Math.min(30_000, opts.seconds * 100);
  for (let i = 1; i < opts.n; i++) {
    const t = T0 + 200 + Math.floor((i * ramp) / opts.n);
    at(t, () => join(t));
  }
  for (let t = T0 + BEAT; t <= end; t += BEAT) {
    const b = t;
    at(b, () => emit(b, 'tick', { type: 'tick' }));
  }

  // Host commands: claim once, then the cycle. Each is signed at its own second with a fresh jti.
  let jti = 0;
  const command = (t: number, op: string, target?: string) => {
    const hostPeer = peers[0]!;
    const r = signHostCommand({
      privateJwk: host.priv, room: ROOM, fp: HOST_FP, op, now: Math.floor(t / 1000),
      jti: (++jti).toString(16).padStart(24, '0'), ...(target ? { target } : {}),
    });
    if (!r.ok) throw new Error(r.error.message);
    emit(t, 'host', message(hostPeer.conn, { t: 'mod', token: r.value.token }));
  };
  at(T0 + 1000, () => command(T0 + 1000, 'claim'));
  let cycle = 0;
  for (let t = T0 + rates.hostEveryMs; t <= end; t += rates.hostEveryMs) {
    const c = t;
    at(c, () => {
      const op = HOST_OPS[cycle++ % HOST_OPS.length]!;
      if (op === 'lobbyon') {
        lobbyOn = true;
        knocked.length = 0;
        return command(c, op);
      }
      if (op === 'lobbyoff') lobbyOn = false;
      if (op === 'admit') {
        const target = knocked.shift();
        if (target) command(c, op, target);
        return;
      }
      if (op === 'kick') {
        const victims = peers.filter((p) => p.present && !p.isHost);
        if (victims.length === 0) return;
        const victim = victims[between(rng, 0, victims.length - 1)]!;
        command(c, op, victim.voiceId);
        // The kicked peer's client gives up and leaves; someone new arrives later.
        const gone = c + 100;
        at(gone, () => {
          if (!victim.present) return;
          emit(gone, 'leave', { type: 'disconnect', conn: victim.conn });
          victim.present = false;
          victim.gen++;
          at(gone + REPLACE_MS, () => join(gone + REPLACE_MS));
        });
        return;
      }
      command(c, op);
    });
  }

  // Run the schedule in time order (ties: scheduling order). Handlers may schedule more.
  while (queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = queue[i]!;
      const b = queue[best]!;
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
    }
    const next = queue[best]!;
    queue[best] = queue[queue.length - 1]!;
    queue.pop();
    next.run();
  }
  lines.sort((a, b) => a.at - b.at); // stable: same-time lines keep emission order

  const header: TraceHeader = {
    format: TRACE_FORMAT,
    n: opts.n,
    seconds: opts.seconds,
    seed,
    rates,
    role: 'coordinator',
    config: { room: ROOM, hostKey: host.pub as unknown as JsonValue },
    start: T0,
    fingerprints,
    defaultFingerprint: OTHER_FP,
    events: lines.length,
  };
  return { header, lines };
}

/** The trace as JSON Lines: the header, then one event per line. */
export function traceJsonl(trace: Trace): string {
  return [JSON.stringify(trace.header), ...trace.lines.map((l) => JSON.stringify(l))].join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1)); // `| head` is fine
  process.stdout.write(traceJsonl(generateTrace({ n: arg('n', 50), seconds: arg('seconds', 600), seed: arg('seed', 1) })));
}
