// The reference participant: link, liveness and announcing, driven by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Output } from '../../reference/presence/machine.ts';
import { Participant } from '../../reference/presence/participant.ts';

const T = 1_767_225_600_000;
const types = (outs: Output[]) => outs.map((o) => (o.type === 'send' ? `send:${(o.msg as { t: string }).t}` : o.type));

test('[PRES-37] re-dials after 2000, 3500, 5000, 6500 ms, then gives up as unreachable', () => {
  const p = new Participant({ token: 't' }, T);
  assert.equal(types(p.initialOutputs()), ['dial']);
  let now = T;
  const dials: number[] = [];
  for (let i = 0; i < 4; i++) {
    p.step(now, { type: 'closed' });
    const failedAt = now;
    for (;;) {
      now = p.wake()!; // beats come due too; step through them until the re-dial
      if (p.step(now, { type: 'tick' }).some((o) => o.type === 'dial')) break;
    }
    dials.push(now - failedAt);
  }
  assert.equal(dials, [2000, 3500, 5000, 6500]);
  assert.equal(p.step(now + 1, { type: 'closed' }), [{ type: 'gone', reason: 'authority unreachable' }]);
});

test('[PRES-36] gives up on a coordinator silent for more than 12000 ms, not after a freeze', () => {
  const p = new Participant({ token: 't' }, T);
  p.step(T, { type: 'open' });
  const out12500 = [2500, 5000, 7500, 10000, 12500].flatMap((ms) => p.step(T + ms, { type: 'tick' }));
  assert.ok(out12500.some((o) => o.type === 'gone' && o.reason === 'authority silent'));
  const q = new Participant({ token: 't' }, T);
  q.step(T, { type: 'open' });
  q.step(T + 2500, { type: 'tick' });
  assert.not.ok(q.step(T + 20000, { type: 'tick' }).some((o) => o.type === 'gone'));
});

test('[PRES-40] [PRES-42] re-announces on schedule and after admission', () => {
  const p = new Participant({ token: 't' }, T);
  p.step(T, { type: 'open' });
  p.step(T + 1000, { type: 'local', op: 'self', on: true, cam: false, name: 'A', avatar: '', voiceId: 'vA' });
  const voices: number[] = [];
  for (let ms = 1100; ms <= 7000; ms += 100) if (p.step(T + ms, { type: 'tick' }).some((o) => o.type === 'send' && (o.msg as { t: string }).t === 'voice')) voices.push(ms - 1000);
  assert.equal(voices, [600, 1800, 3000, 6000]);
  p.step(T + 7001, { type: 'frame', msg: { t: 'lobby', status: 'waiting' } });
  assert.equal(types(p.step(T + 7002, { type: 'frame', msg: { t: 'lobby', status: 'admitted' } })), ['lobby', 'send:voice']);
});

test.run();
