// The coordinator on a presence trace (bench/trace/README.md) at N = 10, 50, 100, 200 peers:
// CPU per event, events per second and bytes per simulated second, for the previous coordinator
// (bench/baseline/, one-shot noble verification), the current one under upstream's traffic rule,
// and the current one with the traffic hardening of [PRES-70] (lean) and [PRES-71] (batched);
// then a per-event-kind breakdown, the cost of one unchanged re-announce by room size, and what
// the beat alone sends. Ratios measured side by side in one process; not a timed test.
import { Coordinator as BaselineCoordinator } from './baseline/coordinator.ts';
import { Coordinator, type CoordinatorConfig, type Traffic } from '../reference/presence/coordinator.ts';
import { parseCoordinatorConfig } from '../reference/presence/json.ts';
import type { PresenceEvent, PresenceMachine } from '../reference/presence/machine.ts';
import { nobleVerify, setP256Verifier, type P256Verifier } from '../reference/token/p256-verify.ts';
import { nodeVerify } from '../reference/token/p256-verify-node.ts';
import { generateTrace, TRACE_KINDS, type TraceKind } from './trace/presence-trace.ts';
import { frameSizer, prepare, replay, wireBytes, type PreparedTrace } from './trace/replay.ts';

const SIZES = [10, 50, 100, 200];
const SECONDS = Number(process.env.BENCH_TRACE_SECONDS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Variant {
  name: string;
  make: (config: CoordinatorConfig, start: number) => PresenceMachine;
  /** The P-256 verifier the variant runs with (null: the reference default). */
  verifier: P256Verifier | null;
}

const current = (traffic: Traffic) => (c: CoordinatorConfig, start: number) => new Coordinator({ ...c, traffic }, start);
const PREVIOUS: Variant = { name: 'previous (baseline)', make: (c, s) => new BaselineCoordinator(c, s), verifier: nobleVerify };
const UPSTREAM: Variant = { name: 'current, upstream rule', make: current('upstream'), verifier: null };
const LEAN: Variant = { name: 'current, lean [PRES-70]', make: current('lean'), verifier: null };
const BATCHED: Variant = { name: 'current, batched [PRES-71]', make: current('batched'), verifier: null };
const NATIVE: Variant = { name: 'current, lean, node:crypto', make: current('lean'), verifier: nodeVerify };
const VARIANTS = [PREVIOUS, UPSTREAM, LEAN, BATCHED, NATIVE];

function withVerifier<T>(v: P256Verifier | null, f: () => T): T {
  const previous = setP256Verifier(v);
  try {
    return f();
  } finally {
    setP256Verifier(previous);
  }
}

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

/**
 * CPU time (user + system, this process) of a full replay on a fresh machine, in ms: the least of
 * ROUNDS runs, the figure least disturbed by whatever else the machine is doing.
 */
function timeReplay(p: PreparedTrace, v: Variant): { ms: number; events: number } {
  const config = parseCoordinatorConfig(p.trace.header.config);
  return withVerifier(v.verifier, () => {
    let best = Infinity;
    let events = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const m = v.make(config, p.trace.header.start);
      best = Math.min(best, cpuMs(() => (events = replay(p, m))));
    }
    return { ms: best, events };
  });
}

interface KindStats {
  events: number;
  ms: number;
  bytes: number;
}

/** Bytes and (wall) time per event kind, from one replay in which each step is timed on its own. */
function perKind(p: PreparedTrace, v: Variant): Map<TraceKind, KindStats> {
  const stats = new Map<TraceKind, KindStats>(TRACE_KINDS.map((k) => [k, { events: 0, ms: 0, bytes: 0 }]));
  const size = frameSizer();
  const config = parseCoordinatorConfig(p.trace.header.config);
  withVerifier(v.verifier, () => {
    const m = v.make(config, p.trace.header.start);
    const { fingerprints, defaultFingerprint } = p.trace.header;
    for (const s of p.steps) {
      const k = stats.get(s.kind)!;
      const t0 = performance.now();
      let outs = m.step(s.at, s.event);
      k.events++;
      let req = outs.find((o) => o.type === 'request');
      while (req) {
        const value = req.kind === 'fingerprint' ? (fingerprints[req.conn as string] ?? defaultFingerprint) : 'ok';
        const more = m.step(s.at, { type: 'result', id: req.id as number, value });
        k.events++;
        outs = outs.concat(more);
        req = more.find((o) => o.type === 'request');
      }
      k.ms += performance.now() - t0;
      k.bytes += wireBytes(outs, size);
    }
  });
  return stats;
}

/** CPU µs of one unchanged re-announce in a room of n members (least of ROUNDS batches). */
function announceCost(v: Variant, n: number): number {
  const T = 1_767_225_600_000;
  const config: CoordinatorConfig = { room: 'standup', lobby: false, locked: false, grandfathered: [] };
  const m = v.make(config, T);
  const voice = (i: number): PresenceEvent => ({
    type: 'message',
    conn: `c${i}`,
    msg: { t: 'voice', on: true, cam: false, name: `Participant ${i}`, avatar: '', voiceId: `media-${i}`, token: `token-${i}`, ...(i % 3 === 0 ? { meta: { lang: 'en' } } : {}) },
  });
  const events = Array.from({ length: n }, (_, i) => voice(i));
  for (let i = 0; i < n; i++) m.step(T, { type: 'connect', conn: `c${i}` });
  for (const e of events) m.step(T, e);
  const iters = Math.max(2000, Math.min(50_000, Math.floor(2_000_000 / (n * (v === PREVIOUS ? 40 : 1)))));
  for (let k = 0; k < iters; k++) m.step(T + 1, events[k % n]!); // warm
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) best = Math.min(best, cpuMs(() => { for (let k = 0; k < iters; k++) m.step(T + 1, events[k % n]!); }));
  return (best * 1000) / iters;
}

const us = (ms: number, n: number) => (n ? (ms * 1000) / n : 0);
const fmtBytes = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b.toFixed(0)} B`);
const pad = (s: string, n: number) => s.padStart(n);
const sum = (k: Map<TraceKind, KindStats>) => [...k.values()].reduce((a, s) => a + s.bytes, 0);

export async function run(): Promise<string[]> {
  console.log(`trace: ${SECONDS} simulated s per size (bench/trace/README.md, seed 1); CPU time of this process, least of ${ROUNDS} replays`);
  // Warm the JIT on every path before anything is measured.
  const warm = prepare(generateTrace({ n: 20, seconds: 60 }));
  for (const v of VARIANTS) timeReplay(warm, v);

  console.log(`${'N'.padStart(4)}  ${'coordinator'.padEnd(28)}${pad('events', 8)}${pad('CPU µs/ev', 10)}${pad('events/s', 10)}${pad('vs prev', 9)}${pad('bytes/sim s', 13)}${pad('vs beat', 9)}`);
  const kinds = new Map<Variant, Map<TraceKind, KindStats>>();
  const at200 = { prevUs: 0, nowUs: 0, nativeUs: 0, beat: 0, upstream: 0, lean: 0, batched: 0 };
  for (const n of SIZES) {
    const p = prepare(generateTrace({ n, seconds: SECONDS }));
    let baseUs = 0;
    for (const v of VARIANTS) {
      const { ms, events } = timeReplay(p, v);
      const perEvent = us(ms, events);
      baseUs ||= perEvent;
      // Bytes are the same for every verifier: count them once per traffic rule.
      const k = v === NATIVE ? kinds.get(LEAN)! : perKind(p, v);
      if (n === 200) kinds.set(v, k);
      const bytes = sum(k) / SECONDS;
      const beat = k.get('tick')!.bytes / SECONDS;
      console.log(
        `${String(n).padStart(4)}  ${v.name.padEnd(28)}${pad(String(events), 8)}${pad(perEvent.toFixed(2), 10)}${pad((1e6 / perEvent).toFixed(0), 10)}` +
          `${pad(`${(perEvent / baseUs).toFixed(2)}x`, 9)}${pad(fmtBytes(bytes), 13)}${pad(`${(bytes / beat).toFixed(2)}x`, 9)}`,
      );
      if (n === 200) {
        if (v === PREVIOUS) at200.prevUs = perEvent;
        if (v === LEAN) Object.assign(at200, { nowUs: perEvent, lean: bytes, beat });
        if (v === UPSTREAM) at200.upstream = bytes;
        if (v === BATCHED) at200.batched = bytes;
        if (v === NATIVE) at200.nativeUs = perEvent;
      }
      if (v === LEAN) kinds.set(LEAN, k);
    }
  }

  console.log('\nper event kind at N = 200 (µs: wall time of each step, indicative; bytes per simulated second)');
  console.log(`${'kind'.padEnd(10)}${pad('events', 8)}${pad('prev µs', 10)}${pad('now µs', 9)}${pad('upstream', 12)}${pad('lean', 11)}${pad('batched', 11)}`);
  const [prev, up, lean, batched] = [PREVIOUS, UPSTREAM, LEAN, BATCHED].map((v) => kinds.get(v)!);
  for (const k of TRACE_KINDS) {
    const a = prev!.get(k)!;
    if (a.events === 0) continue;
    const b = lean!.get(k)!;
    console.log(
      `${k.padEnd(10)}${pad(String(a.events), 8)}${pad(us(a.ms, a.events).toFixed(2), 10)}${pad(us(b.ms, b.events).toFixed(2), 9)}` +
        `${pad(fmtBytes(up!.get(k)!.bytes / SECONDS), 12)}${pad(fmtBytes(b.bytes / SECONDS), 11)}${pad(fmtBytes(batched!.get(k)!.bytes / SECONDS), 11)}`,
    );
  }

  console.log('\none unchanged re-announce, CPU µs, by room size (flat means O(1) per announce)');
  console.log(`${'N'.padStart(5)}${pad('prev', 9)}${pad('upstream', 10)}${pad('lean', 8)}`);
  for (const n of [...SIZES, 400]) {
    console.log(`${String(n).padStart(5)}${pad(announceCost(PREVIOUS, n).toFixed(2), 9)}${pad(announceCost(UPSTREAM, n).toFixed(2), 10)}${pad(announceCost(LEAN, n).toFixed(2), 8)}`);
  }

  const summary = [
    `coordinator at N = 200: ${at200.nowUs.toFixed(2)} CPU µs per event with host commands, pure-JS verification ` +
      `(${at200.nativeUs.toFixed(2)} with node:crypto; previous ${at200.prevUs.toFixed(2)}, ${(at200.prevUs / at200.nowUs).toFixed(1)}x; target ≤ 3)`,
    `presence traffic at N = 200: ${fmtBytes(at200.upstream)}/s upstream rule, ${fmtBytes(at200.lean)}/s lean (${(at200.lean / at200.beat).toFixed(2)}x the beat), ` +
      `${fmtBytes(at200.batched)}/s batched (${(at200.batched / at200.beat).toFixed(2)}x); the beat alone ${fmtBytes(at200.beat)}/s (target ≤ 2x)`,
  ];
  console.log(`\n${summary.join('\n')}`);
  return summary;
}
