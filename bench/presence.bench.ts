// The coordinator on a presence trace (bench/trace/README.md) at N = 10, 50, 100, 200 peers:
// CPU per event, events per second and bytes per simulated second, for the previous coordinator
// (bench/baseline/, one-shot noble verification), the current one under upstream's traffic rule,
// and the current one with lean traffic [PRES-70]; then a per-event-kind breakdown, and what the
// beat alone would send. Ratios, measured side by side in one process; not a timed test.
import { Coordinator as BaselineCoordinator } from './baseline/coordinator.ts';
import { Coordinator } from '../reference/presence/coordinator.ts';
import { parseCoordinatorConfig } from '../reference/presence/json.ts';
import type { PresenceMachine } from '../reference/presence/machine.ts';
import { nobleVerify, setP256Verifier, type P256Verifier } from '../reference/token/p256-verify.ts';
import { nodeVerify } from '../reference/token/p256-verify-node.ts';
import { generateTrace, TRACE_KINDS, type TraceKind } from './trace/presence-trace.ts';
import { frameSizer, prepare, replay, wireBytes, type PreparedTrace } from './trace/replay.ts';

const SIZES = [10, 50, 100, 200];
const SECONDS = Number(process.env.BENCH_TRACE_SECONDS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const KIND_ROUNDS = Math.min(ROUNDS, 3);

interface Variant {
  name: string;
  make: (p: PreparedTrace) => PresenceMachine;
  /** The P-256 verifier the variant runs with (null: the reference default). */
  verifier: P256Verifier | null;
}

const config = (p: PreparedTrace, traffic: 'upstream' | 'lean') => ({ ...parseCoordinatorConfig(p.trace.header.config), traffic });
const VARIANTS: Variant[] = [
  { name: 'previous (baseline)', make: (p) => new BaselineCoordinator(parseCoordinatorConfig(p.trace.header.config), p.trace.header.start), verifier: nobleVerify },
  { name: 'current, upstream rule', make: (p) => new Coordinator(config(p, 'upstream'), p.trace.header.start), verifier: null },
  { name: 'current, lean [PRES-70]', make: (p) => new Coordinator(config(p, 'lean'), p.trace.header.start), verifier: null },
  { name: 'current, lean, node:crypto', make: (p) => new Coordinator(config(p, 'lean'), p.trace.header.start), verifier: nodeVerify },
];

function withVerifier<T>(v: P256Verifier | null, f: () => T): T {
  const previous = setP256Verifier(v);
  try {
    return f();
  } finally {
    setP256Verifier(previous);
  }
}

/**
 * CPU time (user + system, this process) of a full replay on a fresh machine, in ms: the least of
 * ROUNDS runs, which is the figure least disturbed by whatever else the machine is doing.
 */
function timeReplay(p: PreparedTrace, v: Variant): { ms: number; events: number } {
  return withVerifier(v.verifier, () => {
    let best = Infinity;
    let events = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const m = v.make(p);
      const c0 = process.cpuUsage();
      events = replay(p, m);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    return { ms: best, events };
  });
}

interface KindStats {
  events: number;
  ms: number;
  bytes: number;
}

/**
 * Time and bytes per event kind. Bytes from one replay; time per kind is the least over
 * KIND_ROUNDS instrumented replays (each step timed on its own, which adds a little to each).
 */
function perKind(p: PreparedTrace, v: Variant): Map<TraceKind, KindStats> {
  const stats = new Map<TraceKind, KindStats>(TRACE_KINDS.map((k) => [k, { events: 0, ms: Infinity, bytes: 0 }]));
  const size = frameSizer();
  withVerifier(v.verifier, () => {
    for (let round = 0; round < KIND_ROUNDS; round++) {
      const ms = new Map<TraceKind, number>(TRACE_KINDS.map((k) => [k, 0]));
      const m = v.make(p);
      const { fingerprints, defaultFingerprint } = p.trace.header;
      for (const s of p.steps) {
        const k = stats.get(s.kind)!;
        const t0 = performance.now();
        let outs = m.step(s.at, s.event);
        let n = 1;
        let req = outs.find((o) => o.type === 'request');
        while (req) {
          const value = req.kind === 'fingerprint' ? (fingerprints[req.conn as string] ?? defaultFingerprint) : 'ok';
          const more = m.step(s.at, { type: 'result', id: req.id as number, value });
          n++;
          outs = outs.concat(more);
          req = more.find((o) => o.type === 'request');
        }
        ms.set(s.kind, ms.get(s.kind)! + performance.now() - t0);
        if (round === 0) {
          k.events += n;
          k.bytes += wireBytes(outs, size);
        }
      }
      for (const [kind, t] of ms) stats.get(kind)!.ms = Math.min(stats.get(kind)!.ms, t);
    }
  });
  return stats;
}

const us = (ms: number, n: number) => (n ? (ms * 1000) / n : 0);
const fmtBytes = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b.toFixed(0)} B`);
const pad = (s: string, n: number) => s.padStart(n);

export async function run(): Promise<void> {
  console.log(`trace: ${SECONDS} simulated s per size (bench/trace/README.md; seed 1), CPU time, least of ${ROUNDS} replays per figure`);
  // Warm the JIT on every path before anything is measured.
  const warm = prepare(generateTrace({ n: 20, seconds: 60 }));
  for (const v of VARIANTS) timeReplay(warm, v);

  const kinds = new Map<number, Map<string, Map<TraceKind, KindStats>>>();
  const header = `${'N'.padStart(4)}  ${'coordinator'.padEnd(28)}${pad('events', 8)}${pad('CPU µs/ev', 10)}${pad('events/s', 11)}${pad('vs prev', 9)}${pad('bytes/sim s', 13)}${pad('vs beat', 9)}`;
  console.log(header);
  const summary: { n: number; baseUs: number; leanUs: number; leanBytes: number; beatBytes: number; upstreamBytes: number }[] = [];
  for (const n of SIZES) {
    const p = prepare(generateTrace({ n, seconds: SECONDS }));
    let baseUs = 0;
    const perVariant = new Map<string, Map<TraceKind, KindStats>>();
    kinds.set(n, perVariant);
    let row: (typeof summary)[number] = { n, baseUs: 0, leanUs: 0, leanBytes: 0, beatBytes: 0, upstreamBytes: 0 };
    for (const v of VARIANTS) {
      const { ms, events } = timeReplay(p, v);
      const perEvent = us(ms, events);
      baseUs ||= perEvent;
      const k = perKind(p, v);
      perVariant.set(v.name, k);
      const bytes = [...k.values()].reduce((a, s) => a + s.bytes, 0);
      const beat = k.get('tick')!.bytes;
      if (v.name.startsWith('current, upstream')) row.upstreamBytes = bytes / SECONDS;
      if (v.name === 'current, lean [PRES-70]') row = { ...row, leanUs: perEvent, leanBytes: bytes / SECONDS, beatBytes: beat / SECONDS };
      console.log(
        `${String(n).padStart(4)}  ${v.name.padEnd(28)}${pad(String(events), 8)}${pad(perEvent.toFixed(2), 10)}${pad((1e6 / perEvent).toFixed(0), 11)}` +
          `${pad(`${(perEvent / baseUs).toFixed(2)}x`, 9)}${pad(fmtBytes(bytes / SECONDS), 13)}${pad(`${(bytes / beat).toFixed(2)}x`, 9)}`,
      );
    }
    row.baseUs = baseUs;
    summary.push(row);
  }

  console.log(`\nper event kind at N = 200 (wall time per step, least of ${KIND_ROUNDS} instrumented replays)`);
  console.log(`${'kind'.padEnd(10)}${pad('events', 8)}${pad('prev µs', 10)}${pad('now µs', 9)}${pad('now lean µs', 13)}${pad('upstream B/s', 14)}${pad('lean B/s', 11)}`);
  const at200 = kinds.get(200)!;
  const prev = at200.get('previous (baseline)')!;
  const up = at200.get('current, upstream rule')!;
  const lean = at200.get('current, lean [PRES-70]')!;
  for (const k of TRACE_KINDS) {
    const a = prev.get(k)!;
    if (a.events === 0) continue;
    const b = up.get(k)!;
    const c = lean.get(k)!;
    console.log(
      `${k.padEnd(10)}${pad(String(a.events), 8)}${pad(us(a.ms, a.events).toFixed(2), 10)}${pad(us(b.ms, b.events).toFixed(2), 9)}${pad(us(c.ms, c.events).toFixed(2), 13)}` +
        `${pad(fmtBytes(b.bytes / SECONDS), 14)}${pad(fmtBytes(c.bytes / SECONDS), 11)}`,
    );
  }

  console.log('\nper-announce cost by room size (µs per unchanged re-announce, instrumented)');
  console.log(`${'N'.padStart(4)}${pad('prev', 9)}${pad('now', 8)}${pad('now lean', 10)}`);
  for (const n of SIZES) {
    const m = kinds.get(n)!;
    const f = (name: string) => { const s = m.get(name)!.get('announce')!; return us(s.ms, s.events).toFixed(2); };
    console.log(`${String(n).padStart(4)}${pad(f('previous (baseline)'), 9)}${pad(f('current, upstream rule'), 8)}${pad(f('current, lean [PRES-70]'), 10)}`);
  }

  const s200 = summary.find((r) => r.n === 200)!;
  console.log(
    `\ntargets at N = 200: ${s200.leanUs.toFixed(2)} µs per event with host commands (target ≤ 3; previous ${s200.baseUs.toFixed(2)}), ` +
      `lean traffic ${fmtBytes(s200.leanBytes)}/s = ${(s200.leanBytes / s200.beatBytes).toFixed(2)}x the beat's own ${fmtBytes(s200.beatBytes)}/s (target ≤ 2x; upstream rule ${fmtBytes(s200.upstreamBytes)}/s)`,
  );
}
