// The control protocol itself (spec/10-adapter-protocol.md 10.6): errors for unknown handles and
// wrong inputs, the transcript against what the observer captured, and eight peers in one process.
import { randomBytes } from 'node:crypto';
import type { TranscriptMessage } from '../../../schemas/src/peer-control.ts';
import { ControlStop } from '../control.ts';
import { poll } from '../observer/wait.ts';
import { scenario, type PeerEnv } from '../scenario.ts';
import { fail, memberIds, pass } from './common.ts';
import { keepAlive } from './keepalive.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

async function refusal(env: PeerEnv, op: string, input: Record<string, unknown>): Promise<string | { unexpected: unknown }> {
  const r = await env.iut.raw(op, input as never);
  // An op the program does not implement is unsupported, never a wrong answer (10.6).
  if ('unsupported' in r) throw new ControlStop('unsupported', `${op} is unsupported`);
  if ('ok' in r && r.ok === false) return r.error.code;
  return { unexpected: r };
}

export const controlScenario = scenario<Record<string, never>>({
  id: 'peer.control',
  description: 'the control protocol itself',
  async setup() {
    return {};
  },
  steps: [
    {
      id: 'peer.control.unknown-peer',
      covers: ['ADP-41'],
      description: 'an op naming no live peer answers adapter.unknown-peer',
      async run(_c, env) {
        const code = await refusal(env, 'peer.state', { peer: `nobody-${randomBytes(3).toString('hex')}` });
        return code === 'adapter.unknown-peer' ? pass() : fail('ADP-41', 'peer.state for an unknown handle did not answer adapter.unknown-peer', { expected: 'adapter.unknown-peer', actual: code });
      },
    },
    {
      id: 'peer.control.input',
      covers: ['ADP-08', 'ADP-41', 'ROOM-06'],
      description: 'a join without a broker is input.invalid; a room with an unclaimable authority id is room.unclaimable-id',
      async run(_c, env) {
        const a = await refusal(env, 'peer.join', { room: 'Shape check', voiceId: 'v-1' });
        if (a !== 'input.invalid') return fail('ADP-08', 'peer.join without broker did not answer input.invalid', { expected: 'input.invalid', actual: a });
        const b = await refusal(env, 'peer.join', { broker: env.brokerUrl, room: '!!!', voiceId: 'v-2' });
        if (b !== 'room.unclaimable-id') return fail('ADP-41', 'peer.join for a room whose id is empty did not answer room.unclaimable-id', { expected: 'room.unclaimable-id', actual: b });
        return pass();
      },
    },
    {
      id: 'peer.control.transcript',
      covers: ['ADP-40'],
      description: 'peer.transcript lists the bytes the observer saw, both ways, in order',
      async run(_c, env) {
        const room = env.room('transcript');
        const obs = await env.observer(room.authority);
        const j = await env.iut.join({ broker: env.brokerUrl, room: room.name, voiceId: `impl-${randomBytes(3).toString('hex')}`, name: 'Scribe' });
        const link = await obs.openLink(env.timeouts.connectMs);
        if (!link) return fail('SIG-22', 'the implementation opened no presence connection');
        const live = keepAlive(link);
        link.send({ t: 'roster', members: [], lobby: false, host: '', locked: false });
        await poll(env.timeouts.reactMs, () => link.raw.filter((m) => m.dir === 'in').length >= 2);
        live.stop();
        await new Promise((r) => setTimeout(r, 300));
        const r = await env.iut.raw('peer.transcript', { peer: j.peer });
        if ('unsupported' in r) return { status: 'unsupported', message: 'peer.transcript is unsupported (ADP-40 makes it optional)' };
        if (!('ok' in r) || !r.ok) return fail('ADP-40', `peer.transcript failed: ${JSON.stringify(r).slice(0, 200)}`);
        const msgs = (r.output as { messages?: TranscriptMessage[] }).messages ?? [];
        const mine = msgs.filter((m) => m.remote === room.authority);
        const sent = mine.filter((m) => m.dir === 'out').map((m) => m.hex ?? '');
        const got = mine.filter((m) => m.dir === 'in').map((m) => m.hex ?? '');
        const wireIn = link.raw.filter((m) => m.dir === 'in').map((m) => hex(m.bytes));
        const wireOut = link.raw.filter((m) => m.dir === 'out').map((m) => hex(m.bytes));
        const prefix = (a: string[], b: string[]) => a.slice(0, Math.min(a.length, b.length)).every((x, i) => x === b[i]);
        if (sent.length === 0 || !prefix(sent, wireIn)) return fail('ADP-40', 'the messages the transcript says were sent are not the bytes the observer received', { expected: wireIn.slice(0, 3), actual: sent.slice(0, 3) });
        if (got.length === 0 || !prefix(got, wireOut)) return fail('ADP-40', 'the messages the transcript says were received are not the bytes the observer sent', { expected: wireOut.slice(0, 3), actual: got.slice(0, 3) });
        return pass();
      },
    },
    {
      id: 'peer.control.capacity',
      covers: ['ADP-42', 'PRES-59'],
      description: 'eight peers of one process in one room converge',
      async run(_c, env) {
        const room = env.room('capacity');
        const seats: { peer: string; voiceId: string }[] = [];
        for (let i = 0; i < 8; i++) {
          const voiceId = `cap${i}-${randomBytes(3).toString('hex')}`;
          const j = await env.iut.join({ broker: env.brokerUrl, room: room.name, voiceId, name: `Seat ${i}` });
          seats.push({ peer: j.peer, voiceId });
          if (i === 0) await poll(env.timeouts.connectMs, async () => (await env.iut.state(j.peer)).coordinator, 150);
        }
        const want = seats.map((s) => s.voiceId).sort().join();
        let last: string[][] = [];
        const ok = await poll(env.timeouts.migrateMs, async () => {
          last = [];
          for (const s of seats) last.push(memberIds(await env.iut.state(s.peer)));
          return last.every((ids) => [...ids].sort().join() === want && ids.join() === last[0]!.join());
        }, 400);
        return ok ? pass() : fail('ADP-42', 'eight peers of one process did not all reach the same roster of eight', { expected: want.split(','), actual: last });
      },
    },
  ],
});
