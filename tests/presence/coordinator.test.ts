// The reference coordinator as a plain object: the rules that are easiest to read as code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Coordinator, type CoordinatorConfig } from '../../reference/presence/coordinator.ts';
import type { Output, PresenceEvent } from '../../reference/presence/machine.ts';

const T = 1_767_225_600_000;
const cfg = (over: Partial<CoordinatorConfig> = {}): CoordinatorConfig => ({ room: 'standup', lobby: false, locked: false, grandfathered: [], ...over });
const join = (p: string, over = {}) => ({ t: 'voice', on: true, cam: false, name: p, avatar: '', voiceId: `v${p}`, token: `t${p}`, ...over });
const sends = (outs: Output[]) => outs.filter((o) => o.type === 'send').map((o) => ({ to: o.to, t: (o.msg as { t: string }).t }));
const rosterIds = (outs: Output[]) =>
  outs.filter((o) => o.type === 'roster').map((o) => (o.members as { id: string }[]).map((m) => m.id));

function drive(c: Coordinator, steps: [number, PresenceEvent][]): Output[] {
  return steps.flatMap(([ms, e]) => c.step(T + ms, e));
}

test('[PRES-06] [PRES-30] a kicked identity is refused on a new connection, by token and by media id', () => {
  const c = new Coordinator(cfg(), T);
  drive(c, [[1, { type: 'connect', conn: 'c1' }], [2, { type: 'message', conn: 'c1', msg: join('Ann') }]]);
  const kick = c.step(T + 3, { type: 'local', op: 'kick', id: 'vAnn' });
  assert.equal(sends(kick)[0], { to: ['c1'], t: 'kick' });
  c.step(T + 4, { type: 'connect', conn: 'c2' });
  assert.equal(sends(c.step(T + 5, { type: 'message', conn: 'c2', msg: join('Ann', { voiceId: 'vNew' }) })), [{ to: ['c2'], t: 'kick' }]);
  c.step(T + 6, { type: 'connect', conn: 'c3' });
  assert.equal(sends(c.step(T + 7, { type: 'message', conn: 'c3', msg: join('Ann', { token: 'tNew' }) })), [{ to: ['c3'], t: 'kick' }]);
  assert.equal(c.roster(), []);
});

test('[PRES-04] the kicked stage runs before the lobby: a kicked knocker is kicked, not queued', () => {
  const c = new Coordinator(cfg({ lobby: true }), T);
  c.step(T, { type: 'local', op: 'kick', id: 'vAnn' });
  c.step(T + 1, { type: 'connect', conn: 'c1' });
  const outs = c.step(T + 2, { type: 'message', conn: 'c1', msg: { t: 'knock', name: 'Ann', voiceId: 'vAnn' } });
  assert.equal(sends(outs), [{ to: ['c1'], t: 'kick' }]);
  assert.not.ok(outs.some((o) => o.type === 'knocks'));
});

test('[PRES-08] a locked room turns strangers away but lets a rostered identity back', () => {
  const c = new Coordinator(cfg(), T);
  drive(c, [[1, { type: 'connect', conn: 'c1' }], [2, { type: 'message', conn: 'c1', msg: join('Ann') }], [3, { type: 'local', op: 'lock', on: true }], [4, { type: 'disconnect', conn: 'c1' }]]);
  c.step(T + 5, { type: 'connect', conn: 'c2' });
  const bob = c.step(T + 6, { type: 'message', conn: 'c2', msg: join('Bob') });
  assert.equal((bob[0]!.msg as { status: string }).status, 'locked');
  const ann = c.step(T + 7, { type: 'message', conn: 'c2', msg: join('Ann') });
  assert.equal(rosterIds(ann), [['vAnn']]);
});

test('[PRES-13] [PRES-28] lobby: waiting once, admitted then roster, token re-admitted silently', () => {
  const c = new Coordinator(cfg({ lobby: true }), T);
  c.step(T, { type: 'connect', conn: 'c1' });
  const first = c.step(T + 1, { type: 'message', conn: 'c1', msg: { t: 'knock', name: 'Ann', token: 'tAnn' } });
  const again = c.step(T + 2, { type: 'message', conn: 'c1', msg: { t: 'knock', name: 'Ann', token: 'tAnn' } });
  assert.equal(sends(first), [{ to: ['c1'], t: 'lobby' }]);
  assert.equal(again, []);
  const admit = c.step(T + 3, { type: 'local', op: 'admit', conn: 'c1' });
  assert.equal(sends(admit), [{ to: ['c1'], t: 'lobby' }, { to: ['c1'], t: 'roster' }]);
  c.step(T + 4, { type: 'disconnect', conn: 'c1' });
  c.step(T + 5, { type: 'connect', conn: 'c2' });
  const back = c.step(T + 6, { type: 'message', conn: 'c2', msg: { t: 'knock', name: 'Ann', token: 'tAnn' } });
  assert.equal((back[0]!.msg as { status: string }).status, 'admitted');
});

test('[PRES-22] [PRES-23] [PRES-24] beats every 2500 ms, reap past 12000 ms, none after a frozen gap', () => {
  const c = new Coordinator(cfg(), T);
  drive(c, [[500, { type: 'connect', conn: 'c1' }], [500, { type: 'message', conn: 'c1', msg: join('Ann') }]]);
  assert.equal(c.wake(), T + 2500);
  assert.equal(c.step(T + 2499, { type: 'tick' }), []);
  for (const ms of [2500, 5000, 7500, 10000, 12500]) c.step(T + ms, { type: 'tick' });
  assert.equal(c.roster().length, 1, 'silent for exactly 12000 ms: kept');
  c.step(T + 15000, { type: 'tick' });
  assert.equal(c.roster().length, 0, 'silent for 14500 ms: reaped');
  const d = new Coordinator(cfg(), T);
  drive(d, [[0, { type: 'connect', conn: 'c1' }], [0, { type: 'message', conn: 'c1', msg: join('Ann') }], [2500, { type: 'tick' }], [30000, { type: 'tick' }]]);
  assert.equal(d.roster().length, 1, 'a 27500 ms gap is a freeze');
});

test('[PRES-03] [PRES-05] garbage never throws and still counts as a sign of life', () => {
  const c = new Coordinator(cfg(), T);
  c.step(T, { type: 'connect', conn: 'c1' });
  c.step(T, { type: 'message', conn: 'c1', msg: join('Ann') });
  for (const junk of [null, 1, 'x', [], {}, { t: 5 }, { t: 'voice' }, { t: 'voice', on: true, cam: 'no' }, { t: 'mod' }, { t: 'knock', name: 3 }]) {
    const outs = c.step(T + 11000, { type: 'message', conn: 'c1', msg: junk as never });
    assert.ok(outs.every((o) => o.type === 'drop'), JSON.stringify(junk));
  }
  for (const ms of [2500, 5000, 7500, 10000, 12500, 15000, 17500, 20000, 22500]) c.step(T + ms, { type: 'tick' });
  assert.equal(c.roster().length, 1);
});

test.run();
