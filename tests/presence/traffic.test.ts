// The coordinator's performance work changed no frame, and the traffic hardening changes only
// who hears what and when: replayed on the same presence trace (bench/trace/), the previous
// coordinator and the current one under upstream's rule produce identical outputs, and the lean
// and batched rules differ from them only where PRES-70 and PRES-71 say. Participants keep
// working whichever rule their coordinator follows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Coordinator as Previous } from '../../bench/baseline/coordinator.ts';
import { generateTrace, traceJsonl } from '../../bench/trace/presence-trace.ts';
import { prepare, replay, type PreparedTrace } from '../../bench/trace/replay.ts';
import { VirtualClock } from '../../reference/presence/clock.ts';
import { Coordinator, type Traffic } from '../../reference/presence/coordinator.ts';
import { joinRoom } from '../../reference/presence/engine.ts';
import { parseCoordinatorConfig } from '../../reference/presence/json.ts';
import { createLocalBus } from '../../reference/presence/local-bus.ts';
import type { Output, PresenceMachine } from '../../reference/presence/machine.ts';

const trace: PreparedTrace = prepare(generateTrace({ n: 30, seconds: 120, seed: 3 }));
const config = parseCoordinatorConfig(trace.trace.header.config);

interface Step {
  kind: string;
  conn: string | null;
  outs: string[];
}
/** Every output batch of a replay, as JSON text, with the line's kind and connection. */
function record(m: PresenceMachine): Step[] {
  const steps: Step[] = [];
  replay(trace, m, (kind, outs, _at, line) => {
    steps.push({ kind, conn: 'conn' in line.event ? line.event.conn : null, outs: outs.map((o) => JSON.stringify(o)) });
  });
  return steps;
}
const coordinator = (traffic: Traffic) => new Coordinator({ ...config, traffic }, trace.trace.header.start);

test('[PRES-57] the current coordinator and the previous one answer a whole trace identically (upstream rule)', () => {
  const before = record(new Previous(config, trace.trace.header.start));
  const now = record(coordinator('upstream'));
  assert.is(now.length, before.length);
  const kinds = new Set(before.map((s) => s.kind));
  for (const k of ['join', 'announce', 'change', 'ping', 'tick', 'reconnect', 'leave', 'host']) assert.ok(kinds.has(k), `the trace exercises ${k}`);
  for (let i = 0; i < before.length; i++) assert.equal(now[i]!.outs, before[i]!.outs, `step ${i} (${before[i]!.kind})`);
  const hostSteps = now.filter((s) => s.outs.some((o) => o.includes('"type":"request"')));
  assert.ok(hostSteps.length >= 10, 'host commands were verified along the way');
});

/** The roster frames of a batch: recipients and frame text. */
const rosterSends = (outs: string[]) =>
  outs.map((o) => JSON.parse(o) as Output).filter((o) => o.type === 'send' && (o.msg as { t?: string }).t === 'roster').map((o) => ({ to: o.to as string[], msg: JSON.stringify(o.msg) }));

for (const traffic of ['lean', 'batched'] as const) {
  test(`[PRES-70] [PRES-71] ${traffic}: beats and every non-roster output are upstream's; roster answers go to the sender only`, () => {
    const up = record(coordinator('upstream'));
    const mine = record(coordinator(traffic));
    assert.is(mine.length, up.length);
    let answered = 0;
    for (let i = 0; i < up.length; i++) {
      const a = up[i]!;
      const b = mine[i]!;
      const other = (outs: string[]) => outs.filter((o) => !o.includes('"t":"roster"') && !o.startsWith('{"type":"roster"'));
      assert.equal(other(b.outs), other(a.outs), `step ${i} (${a.kind}): only roster frames and reports may differ`);
      if (a.kind === 'tick') {
        assert.equal(b.outs, a.outs, `step ${i}: the beat is the same under every rule [PRES-22]`);
        continue;
      }
      for (const s of rosterSends(b.outs)) {
        const upstreamHasIt = rosterSends(a.outs).some((x) => x.msg === s.msg && JSON.stringify(x.to) === JSON.stringify(s.to));
        if (upstreamHasIt) continue;
        assert.ok(s.to.length === 1 && (s.to[0] === b.conn || a.kind === 'host'), `step ${i} (${a.kind}): a roster to ${s.to} that upstream would not send`);
        answered++;
      }
    }
    assert.ok(answered > 100, `lean answers happened (${answered})`);
  });
}

test('the trace generator is deterministic and documents its own size', () => {
  const a = generateTrace({ n: 12, seconds: 60, seed: 9 });
  const b = generateTrace({ n: 12, seconds: 60, seed: 9 });
  assert.is(traceJsonl(a), traceJsonl(b));
  assert.is(a.header.events, a.lines.length);
  assert.is(a.header.format, 'kbz-presence-trace/1');
  assert.ok(a.lines.every((l, i) => i === 0 || l.at >= a.lines[i - 1]!.at), 'times never go back');
  assert.is.not(traceJsonl(generateTrace({ n: 12, seconds: 60, seed: 10 })), traceJsonl(a), 'the seed matters');
});

for (const traffic of ['upstream', 'lean', 'batched'] as const) {
  test(`[PRES-59] [PRES-70] [PRES-71] participants converge under traffic "${traffic}", through loss, duplication and reordering`, async () => {
    const T = 1_767_225_600_000;
    const clock = new VirtualClock(T);
    const bus = createLocalBus({ mode: 'async', clock, seed: 5, faults: { loss: 0.2, duplicate: 0.1, reorder: 0.2, latency: [0, 200] } });
    const rooms = ['a', 'b', 'c', 'd', 'e'].map((n) => joinRoom('standup', { transport: bus, clock, identity: `tok-${n}`, traffic }));
    rooms.forEach((r, i) => r.setSelf(true, false, `P${i}`, '', `media-${i}`));
    await clock.advance(20000);
    bus.setFaults({ latency: [1, 50] });
    rooms[4]!.setSelf(true, true, 'P4', '', 'media-4'); // a change after the faults stop
    rooms[3]!.close();
    await clock.advance(15000);
    const want = ['media-0', 'media-1', 'media-2', 'media-4'];
    for (const r of rooms.slice(0, 3).concat(rooms[4]!)) {
      assert.equal(r.roster().map((m) => m.id).sort(), want);
      assert.is(r.roster().find((m) => m.id === 'media-4')?.cam, true);
    }
    assert.is(rooms.filter((r) => r.isCoordinator()).length, 1);
    rooms.forEach((r) => r.close());
  });
}

test.run();
