// The implementation in a room with room-mates: other implementations behind the same control
// protocol (the reference peer by default). Judged on what every peer reports: convergence, the
// safety code seen from both ends, a host command signed by the implementation and enforced by a
// room-mate coordinator, and migration when the coordinator leaves, ending with the implementation
// as the coordinator a newcomer joins.
import { randomBytes } from 'node:crypto';
import type { StateOutput } from '../../../schemas/src/peer-control.ts';
import type { ControlScope } from '../control.ts';
import { poll } from '../observer/wait.ts';
import { testKeys } from '../judge/hostcmd.ts';
import { scenario, SetupFailed, type PeerEnv, type RoomNames } from '../scenario.ts';
import { expectedCode, fail, memberIds, pass, stateUntil } from './common.ts';

interface Seat {
  ctl: ControlScope;
  peer: string;
  voiceId: string;
  fingerprint: string;
  who: string;
}

interface Ctx {
  room: RoomNames;
  impl: Seat;
  mates: Seat[];
}

async function seat(env: PeerEnv, ctl: ControlScope, room: RoomNames, who: string): Promise<Seat> {
  const voiceId = `${who}-${randomBytes(3).toString('hex')}`;
  const j = await ctl.join({ broker: env.brokerUrl, room: room.name, voiceId, name: who, hostKey: testKeys().host.publicJwk as never });
  return { ctl, peer: j.peer, voiceId, fingerprint: j.fingerprint, who };
}

const states = (seats: Seat[]) => Promise.all(seats.map((s) => s.ctl.state(s.peer)));

/** Every seat reports the same roster listing exactly `want` (any order when `ordered` is false). */
async function converged(seats: Seat[], want: string[], ms: number): Promise<{ ok: boolean; got: Record<string, string[]> }> {
  let got: Record<string, string[]> = {};
  const hit = await poll(ms, async () => {
    const ss = await states(seats);
    got = Object.fromEntries(seats.map((s, i) => [s.who, memberIds(ss[i]!)]));
    const first = JSON.stringify(memberIds(ss[0]!));
    const sameSet = [...memberIds(ss[0]!)].sort().join() === [...want].sort().join();
    return ss.every((s) => JSON.stringify(memberIds(s)) === first && s.status === 'connected') && sameSet;
  }, 250);
  return { ok: hit === true, got };
}

const coordinators = (ss: StateOutput[]) => ss.filter((s) => s.coordinator).length;

export const roomScenario = scenario<Ctx>({
  id: 'peer.room',
  description: 'the implementation shares a room with room-mate implementations',
  async setup(env) {
    const mate = await env.mate();
    const room = env.room('room');
    const m1 = await seat(env, mate, room, 'mate1');
    const s = await stateUntil(mate, m1.peer, env.timeouts.connectMs, (st) => st.coordinator);
    if (!s.ok) throw new SetupFailed('the room-mate did not become coordinator');
    const impl = await seat(env, env.iut, room, 'impl');
    const c = await converged([m1, impl], [m1.voiceId, impl.voiceId], env.timeouts.connectMs);
    if (!c.ok) throw new SetupFailed(`the implementation did not join the room-mate's room: rosters ${JSON.stringify(c.got)}`, 'fail', 'PRES-59');
    return { room, impl, mates: [m1] };
  },
  steps: [
    {
      id: 'peer.room.converge',
      covers: ['PRES-59', 'PRES-39', 'PRES-40'],
      description: 'three peers of two implementations report the same roster',
      async run(c, env) {
        const m2 = await seat(env, await env.mate(), c.room, 'mate2');
        c.mates.push(m2);
        const all = [c.mates[0]!, c.impl, m2];
        const r = await converged(all, all.map((s) => s.voiceId), env.timeouts.connectMs);
        return r.ok ? pass() : fail('PRES-59', 'the rosters did not converge', { expected: all.map((s) => s.voiceId), actual: r.got });
      },
    },
    {
      id: 'peer.room.safety',
      covers: ['SAS-05', 'SAS-01', 'SAS-03', 'SAS-10'],
      description: 'both ends of the implementation\'s presence connection show the same code',
      async run(c, env) {
        const coord = c.mates[0]!;
        const si = await stateUntil(env.iut, c.impl.peer, env.timeouts.reactMs, (s) => s.safety.some((x) => x.remote === c.room.authority) && s.presenceId !== null);
        const mine = si.state.safety.find((x) => x.remote === c.room.authority);
        const theirsState = await stateUntil(coord.ctl, coord.peer, env.timeouts.reactMs, (s) => s.safety.some((x) => x.remote === si.state.presenceId));
        const theirs = theirsState.state.safety.find((x) => x.remote === si.state.presenceId);
        if (!mine) return fail('SAS-10', 'the implementation shows no code for its presence connection');
        if (!theirs) return { status: 'errored', message: 'the room-mate shows no code for the implementation\'s connection' };
        if (mine.localFp !== c.impl.fingerprint) return fail('SAS-03', 'the implementation\'s local fingerprint is not its certificate', { expected: c.impl.fingerprint, actual: mine.localFp });
        if (mine.remoteFp !== coord.fingerprint) return fail('SAS-01', 'the implementation\'s remote fingerprint is not the room-mate\'s certificate', { expected: coord.fingerprint, actual: mine.remoteFp });
        if (mine.code !== theirs.code) return fail('SAS-05', 'the two ends of one connection show different codes', { expected: theirs.code, actual: mine.code });
        const want = expectedCode(c.impl.fingerprint, coord.fingerprint);
        if (mine.code !== want.code) return fail('SAS-07', 'both ends agree on a code that is not the derivation of chapter 6', { expected: want.code, actual: mine.code });
        return pass();
      },
    },
    {
      id: 'peer.room.hostcmd',
      covers: ['HCMD-07', 'PRES-31', 'ADP-37'],
      description: 'a lock the implementation signs is enforced by the room-mate coordinator',
      async run(c, env) {
        await env.iut.call('peer.hostcmd', { peer: c.impl.peer, op: 'lock', privateJwk: testKeys().host.privateJwk as never });
        const all = [c.impl, ...c.mates];
        const locked = await poll(env.timeouts.reactMs + 3000, async () => (await states(all)).every((s) => s.roster?.locked === true), 200);
        if (!locked) return fail('HCMD-07', 'the room-mate coordinator did not enact a lock the implementation signed (bound to its certificate, its room, its clock)', { actual: (await states(all)).map((s) => s.roster?.locked) });
        await env.iut.call('peer.hostcmd', { peer: c.impl.peer, op: 'unlock', privateJwk: testKeys().host.privateJwk as never });
        await poll(env.timeouts.reactMs + 3000, async () => (await states(all)).every((s) => s.roster?.locked === false), 200);
        return pass();
      },
    },
    {
      id: 'peer.room.migration',
      covers: ['PRES-47', 'PRES-59', 'PRES-45', 'SIG-13'],
      description: 'the coordinator leaves; the survivors elect one coordinator and converge',
      async run(c, env) {
        const gone = c.mates.shift()!;
        await gone.ctl.leave(gone.peer);
        const survivors = [c.impl, ...c.mates];
        const r = await converged(survivors, survivors.map((s) => s.voiceId), env.timeouts.migrateMs);
        const ss = await states(survivors);
        if (coordinators(ss) !== 1) return fail('PRES-47', `${coordinators(ss)} coordinators among the survivors`, { actual: ss.map((s) => ({ coordinator: s.coordinator, status: s.status })) });
        return r.ok ? pass() : fail('PRES-59', 'the survivors\' rosters did not converge after the coordinator left', { expected: survivors.map((s) => s.voiceId), actual: r.got });
      },
    },
    {
      id: 'peer.room.reclaim',
      covers: ['PRES-45', 'PRES-47', 'PRES-51', 'PRES-20', 'SIG-20'],
      description: 'left alone, the implementation reclaims the room and coordinates a newcomer',
      async run(c, env) {
        for (const m of c.mates.splice(0)) await m.ctl.leave(m.peer);
        const s = await stateUntil(env.iut, c.impl.peer, env.timeouts.migrateMs, (st) => st.coordinator && st.status === 'connected');
        if (!s.ok) return fail('PRES-47', 'the only survivor did not take the coordinator role', { actual: { coordinator: s.state.coordinator, status: s.state.status } });
        const m3 = await seat(env, await env.mate(), c.room, 'mate3');
        c.mates.push(m3);
        const r = await converged([c.impl, m3], [c.impl.voiceId, m3.voiceId], env.timeouts.connectMs);
        return r.ok ? pass() : fail('PRES-51', 'a newcomer and the implementation as coordinator did not converge', { expected: [c.impl.voiceId, m3.voiceId], actual: r.got });
      },
    },
  ],
});
