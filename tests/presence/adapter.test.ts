// The presence adapter ops: typed errors for bad input, nothing half-applied, no crash on any
// frame (fast-check feeds random JSON into a coordinator and a participant).
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOp } from '../../reference/adapter/ops.ts';
import type { JsonValue } from '../../reference/encoding/json.ts';

const T = 1_767_225_600_000;
const code = (r: Awaited<ReturnType<typeof runOp>>) => ('ok' in r && !r.ok ? r.error.code : 'ok');

test('[PRES-55] a script whose times go backwards is refused whole: input.invalid, no output', async () => {
  const r = await runOp('presence.scenario', { role: 'coordinator', config: { room: 'standup' }, start: T, steps: [{ at: T + 5, event: { type: 'connect', conn: 'c1' } }, { at: T + 1, event: { type: 'tick' } }] });
  assert.equal(code(r), 'input.invalid');
});

test('[PRES-56] sessions: unknown session, time going backwards, and a refused step leaves the session as it was', async () => {
  const open = await runOp('presence.open', { role: 'coordinator', config: { room: 'standup' }, start: T });
  assert.ok('ok' in open && open.ok);
  const session = (open as unknown as { output: { session: string } }).output.session;
  assert.equal(code(await runOp('presence.step', { session: 'nope', at: T, event: { type: 'tick' } })), 'presence.unknown-session');
  assert.equal(code(await runOp('presence.step', { session, at: T + 10, event: { type: 'connect', conn: 'c1' } })), 'ok');
  assert.equal(code(await runOp('presence.step', { session, at: T + 5, event: { type: 'connect', conn: 'c2' } })), 'presence.time-backwards');
  assert.equal(code(await runOp('presence.step', { session, at: T + 20, event: { type: 'connect' } })), 'input.invalid');
  const r = await runOp('presence.step', { session, at: T + 30, event: { type: 'message', conn: 'c1', msg: { t: 'voice', on: true, cam: false, voiceId: 'v', token: 't' } } });
  assert.equal((r as unknown as { output: { outputs: { to?: string[] }[] } }).output.outputs[0]!.to, ['c1'], 'c2 was never connected');
  assert.equal(code(await runOp('presence.close', { session })), 'ok');
  assert.equal(code(await runOp('presence.close', { session })), 'presence.unknown-session');
});

test('[PRES-03] [PRES-53] random frames never crash a coordinator or a participant', async () => {
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
  const frame = fc.oneof(json, fc.record({ t: fc.constantFrom('voice', 'knock', 'ping', 'leave', 'mod', 'roster', 'lobby', 'kick', 'reset'), on: fc.anything(), voiceId: fc.anything(), token: fc.anything(), members: fc.anything(), status: fc.anything() }) as fc.Arbitrary<JsonValue>);
  await fc.assert(
    fc.asyncProperty(fc.array(frame, { maxLength: 15 }), async (frames) => {
      const steps = frames.flatMap((msg, i) => [
        { at: T + i * 10, event: { type: 'connect', conn: `c${i}` } },
        { at: T + i * 10 + 1, event: { type: 'message', conn: `c${i}`, msg: JSON.parse(JSON.stringify(msg ?? null)) as JsonValue } },
      ]);
      const c = await runOp('presence.scenario', { role: 'coordinator', config: { room: 'standup', gate: { require: true } }, start: T, steps: steps as unknown as JsonValue });
      assert.ok('ok' in c && c.ok, JSON.stringify(c));
      const p = await runOp('presence.scenario', { role: 'participant', config: { token: 't' }, start: T, steps: [{ at: T, event: { type: 'open' } }, ...frames.map((msg, i) => ({ at: T + i, event: { type: 'frame', msg: JSON.parse(JSON.stringify(msg ?? null)) as JsonValue } }))] });
      assert.ok('ok' in p && p.ok, JSON.stringify(p));
    }),
    { numRuns: 150, seed: 4242 },
  );
  const bad = await runOp('presence.open', { role: 'room', config: { room: '', token: 't' }, start: T });
  assert.equal(code(bad), 'room.unclaimable-id');
});

test.run();
