// Multi-peer properties (spec/08-presence.md PRES-59, PRES-48, PRES-01): several `room` sessions
// of the implementation meet through the harness's broker and network. Convergence: after a
// period of loss, duplication, reordering, latency and partitions, 15 s of a quiet network bring
// every roster to the same, complete member list. Migration: after the coordinator crashes,
// exactly one peer coordinates 30 s later, every roster agrees, and the lobby and lock flags
// survived.
import fc from 'fast-check';
import type { Implementation } from '../../impl/types.ts';
import type { Check, CheckContext, RawResult } from '../types.ts';
import { Violation } from './driver.ts';
import { T0 } from './people.ts';
import { runProperty, scaledRuns } from './run-property.ts';
import { QUIET, Sim, type Faults } from './sim.ts';

const CONVERGE_MS = 15000;
const MIGRATE_MS = 30000;

async function startPeers(sim: Sim, count: number, stagger: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const name = String.fromCharCode(97 + i);
    sim.schedule(T0 + (stagger[i] ?? 0), async () => {
      const p = await sim.addPeer(name);
      await sim.feed(p, { type: 'local', op: 'self', on: true, cam: false, name: name.toUpperCase(), avatar: '', voiceId: p.voiceId });
    });
  }
}

/** Exactly one live coordinator, held at the broker, and every roster lists every live peer. */
function assertSettled(sim: Sim, what: string): void {
  const coords = sim.peers.filter((p) => p.alive && p.coordinator);
  if (coords.length !== 1 || sim.holder !== coords[0]) {
    throw new Violation('PRES-01', `${what}: ${coords.length} peers act as coordinator (broker holder: ${sim.holder?.name ?? 'none'})`, 'exactly one', sim.summary());
  }
  const want = sim.expectedIds();
  for (const p of sim.peers.filter((x) => x.alive)) {
    const got = p.roster ? [...p.roster].sort() : null;
    if (p.status !== 'connected' || JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Violation('PRES-59', `${what}: peer ${p.name} has not converged (status ${p.status})`, want, sim.summary());
    }
  }
}

const faultArb: fc.Arbitrary<Faults> = fc.record({
  loss: fc.double({ min: 0, max: 0.3, noNaN: true }),
  duplicate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  reorder: fc.double({ min: 0, max: 0.3, noNaN: true }),
  latency: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 400 })).map(([a, b]) => [a, a + b] as [number, number]),
});

const convergence = (impl: Implementation) =>
  fc.asyncProperty(
    fc.integer({ min: 2, max: 4 }),
    fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 4, maxLength: 4 }),
    faultArb,
    fc.integer({ min: 3000, max: 25000 }),
    fc.array(fc.record({ peer: fc.integer({ min: 0, max: 3 }), from: fc.integer({ min: 0, max: 20000 }), span: fc.integer({ min: 500, max: 20000 }) }), { maxLength: 2 }),
    fc.integer(),
    async (count, stagger, faults, faultyFor, partitions, seed) => {
      const sim = new Sim(impl, T0, seed);
      try {
        sim.faults = faults; // from the start: even the first announcements may be lost
        await startPeers(sim, count, stagger);
        const faultEnd = T0 + 1000 + faultyFor;
        for (const cut of partitions) {
          const name = String.fromCharCode(97 + (cut.peer % count));
          const from = Math.min(T0 + 1000 + cut.from, faultEnd);
          sim.schedule(from, async () => void sim.partitioned.add(name));
          sim.schedule(Math.min(from + cut.span, faultEnd), async () => void sim.partitioned.delete(name));
        }
        await sim.runUntil(faultEnd);
        sim.faults = QUIET;
        sim.partitioned.clear();
        await sim.runUntil(faultEnd + CONVERGE_MS);
        assertSettled(sim, `${CONVERGE_MS} ms after the faults stopped`);
      } finally {
        await sim.closeAll();
      }
    },
  );

const migration = (impl: Implementation) =>
  fc.asyncProperty(
    fc.integer({ min: 3, max: 4 }),
    fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 4, maxLength: 4 }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.integer(),
    async (count, stagger, lobby, locked, silent, seed) => {
      const sim = new Sim(impl, T0, seed);
      try {
        await startPeers(sim, count, stagger);
        await sim.runUntil(T0 + 6000);
        const first = sim.peers.find((p) => p.alive && p.coordinator);
        if (!first) throw new Violation('PRES-45', 'no peer became coordinator within 6 s', 'one coordinator', sim.summary());
        await sim.feed(first, { type: 'local', op: 'lobby', on: lobby });
        await sim.feed(first, { type: 'local', op: 'lock', on: locked });
        await sim.runUntil(T0 + 12000);
        assertSettled(sim, 'before the crash');
        await sim.crash(first, silent);
        await sim.runUntil(T0 + 12000 + MIGRATE_MS);
        assertSettled(sim, `${MIGRATE_MS} ms after the coordinator crashed${silent ? ' silently' : ''}`);
        const next = sim.peers.find((p) => p.alive && p.coordinator)!;
        if (next.flags.lobby !== lobby || next.flags.locked !== locked) {
          throw new Violation('PRES-48', 'the new coordinator did not inherit the lobby and lock flags of the last roster', { lobby, locked }, next.flags);
        }
      } finally {
        await sim.closeAll();
      }
    },
  );

function simCheck(id: string, covers: string[], description: string, build: (impl: Implementation) => fc.IAsyncProperty<never>): Check {
  return {
    id,
    profile: 'presence',
    kind: 'property',
    covers,
    description,
    run: (impl: Implementation, ctx: CheckContext): Promise<RawResult> => runProperty(ctx, scaledRuns(ctx, 10), build(impl), covers[0]!),
  };
}

export const SIM_PROPERTIES: Check[] = [
  simCheck('prop.presence.convergence', ['PRES-59', 'PRES-40', 'PRES-22', 'PRES-37'], 'After loss, duplication, reordering, latency and partitions stop, every roster lists every peer within 15 s', (i) => convergence(i) as never),
  simCheck('prop.presence.migration', ['PRES-59', 'PRES-01', 'PRES-47', 'PRES-48'], 'After the coordinator crashes, one peer coordinates, rosters agree, and the lobby and lock flags carry over', (i) => migration(i) as never),
];
