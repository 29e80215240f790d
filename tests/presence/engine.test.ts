// The engine (joinRoom) over the in-memory bus: synchronous and asynchronous delivery, faults,
// broker-like claims, and a coordinator crash. Virtual time: minutes of protocol in milliseconds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VirtualClock } from '../../reference/presence/clock.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { createLocalBus } from '../../reference/presence/local-bus.ts';

const T = 1_767_225_600_000;
const ids = (r: Room) => r.roster().map((m) => m.id).sort();

async function threePeers(mode: 'sync' | 'async', seed = 1) {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ mode, clock, seed, faults: mode === 'async' ? { latency: [5, 80] } : {} });
  const rooms = ['a', 'b', 'c'].map((n) => joinRoom('Stand Up', { transport: bus, clock, identity: `tok-${n}` }));
  rooms.forEach((r, i) => r.setSelf(true, false, `P${i}`, '', `media-${i}`));
  await clock.advance(5000);
  return { clock, bus, rooms };
}

for (const mode of ['sync', 'async'] as const) {
  test(`[PRES-45] [PRES-59] ${mode} bus: one coordinator, rosters agree`, async () => {
    const { rooms } = await threePeers(mode);
    assert.equal(rooms.filter((r) => r.isCoordinator()).length, 1);
    for (const r of rooms) {
      assert.equal(r.status(), 'connected');
      assert.equal(ids(r), ['media-0', 'media-1', 'media-2']);
    }
    rooms.forEach((r) => r.close());
  });
}

test('[PRES-48] [PRES-59] a silent coordinator crash: one successor, flags inherited, rosters agree', async () => {
  const { clock, bus, rooms } = await threePeers('async', 7);
  const first = rooms.find((r) => r.isCoordinator())!;
  first.setLobby(true);
  first.setLocked(true);
  await clock.advance(3000);
  bus.crash('stand-up', { silent: true });
  first.close();
  await clock.advance(30000);
  const rest = rooms.filter((r) => r !== first);
  assert.equal(rest.filter((r) => r.isCoordinator()).length, 1);
  const survivors = rooms.map((r, i) => (r === first ? null : `media-${i}`)).filter((x): x is string => x !== null);
  for (const r of rest) {
    assert.equal(ids(r), survivors);
    assert.ok(r.isLobby() && r.isLocked(), 'lobby and lock survive the migration');
  }
  rest.forEach((r) => r.close());
});

test('[PRES-59] the async bus with loss, duplication and reordering still converges once the faults stop', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ mode: 'async', clock, seed: 99, faults: { loss: 0.25, duplicate: 0.2, reorder: 0.3, latency: [0, 300] } });
  const rooms = ['a', 'b', 'c', 'd'].map((n) => joinRoom('standup', { transport: bus, clock, identity: `tok-${n}` }));
  rooms.forEach((r, i) => r.setSelf(true, false, `P${i}`, '', `media-${i}`));
  await clock.advance(20000);
  bus.setFaults({ latency: [1, 50] });
  await clock.advance(15000);
  const want = ['media-0', 'media-1', 'media-2', 'media-3'];
  for (const r of rooms) assert.equal(ids(r), want);
  assert.ok(bus.stats.lost > 0 && bus.stats.duplicated > 0, JSON.stringify(bus.stats));
  rooms.forEach((r) => r.close());
});

test('[PRES-53] [ROOM-06] an unclaimable room is refused, the bus refuses its id too', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ clock });
  const r = joinRoom('!!!', { transport: bus, clock });
  assert.equal(r.status(), 'closed');
  assert.equal(r.error(), 'room.unclaimable-id');
  assert.equal(await bus.claim(''), 'error');
});

test('[PRES-45] claims collide like at a broker: exactly one wins', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ mode: 'async', clock, faults: { latency: [0, 20] } });
  const results = await Promise.all([bus.claim('x'), bus.claim('x'), bus.claim('x'), clock.advance(100)]);
  assert.equal(results.slice(0, 3).filter((r) => typeof r === 'object').length, 1);
});

test('[PRES-38] dialing a room nobody holds reports peer unavailable', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ mode: 'async', clock });
  const c = bus.connect('empty');
  let unavailable = false;
  c.onUnavailable(() => (unavailable = true));
  c.dial();
  await clock.advance(10);
  assert.ok(unavailable);
});

test('[PRES-31] [PRES-06] kick through the engine: the member is told and stays out', async () => {
  const { clock, rooms } = await threePeers('sync');
  const coord = rooms.find((r) => r.isCoordinator())!;
  const victim = rooms.find((r) => !r.isCoordinator())!;
  let kicked = false;
  victim.onKicked(() => (kicked = true));
  const target = rooms.indexOf(victim);
  coord.kick(`media-${target}`);
  await clock.advance(10000);
  assert.ok(kicked);
  assert.not.ok(coord.roster().some((m) => m.id === `media-${target}`));
  rooms.forEach((r) => r.close());
});

test.run();
