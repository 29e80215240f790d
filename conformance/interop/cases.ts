// The interop test cases (issue 11): each runs for every ordered pair of stacks (the first stack's
// peer takes the room first and coordinates, the second's joins), and the `trio` cases once for a
// room of three stacks. A case throws a CaseFailure naming the requirement a stack broke; the
// harness's own oracles (safety code, ID tokens, host keys) decide what is right.
import { randomBytes } from 'node:crypto';
import { sasCode } from '../oracles/sas.ts';
import { boundIdToken, testGate } from '../peer/judge/idtoken.ts';
import { testKeys } from '../peer/judge/hostcmd.ts';
import { CaseFailure, type CaseRoom, type Seat } from './room.ts';
import type { Stack } from './stacks.ts';

export interface InteropCase {
  id: string;
  kind: 'pair' | 'trio';
  covers: string[];
  description: string;
  run(room: CaseRoom, stacks: Stack[]): Promise<void>;
}

const BIG = 'ü'.repeat(9000);
const ids = (r: { members: { id: string }[] } | null) => r?.members.map((m) => m.id) ?? [];

async function pair(room: CaseRoom, [a, b]: Stack[], extra: { first?: object; second?: object } = {}): Promise<[Seat, Seat]> {
  const first = await room.join(a!, 'first', extra.first);
  await room.coordinates(first);
  const second = await room.join(b!, 'second', extra.second);
  await room.until(second, room.t.connectMs, (s) => s.status === 'connected' && !s.coordinator && s.presenceId !== null, 'SIG-22', 'joining the room as a participant');
  return [first, second];
}

/** The code both ends of the presence connection between a coordinator seat and a participant seat show. */
async function codesOf(room: CaseRoom, coord: Seat, part: Seat): Promise<{ atCoordinator: string; atParticipant: string; want: string }> {
  const p = await room.until(part, room.t.reactMs, (s) => s.presenceId !== null && s.safety.some((x) => x.remote === room.authority), 'SAS-10', 'showing a safety code for its presence connection');
  const c = await room.until(coord, room.t.reactMs, (s) => s.safety.some((x) => x.remote === p.presenceId), 'SAS-10', `showing a safety code for the connection from ${p.presenceId}`);
  const mine = p.safety.find((x) => x.remote === room.authority)!;
  const theirs = c.safety.find((x) => x.remote === p.presenceId)!;
  if (mine.localFp !== part.fingerprint || theirs.remoteFp !== part.fingerprint) throw new CaseFailure('SAS-01', 'a fingerprint of the connection is not the certificate the participant presents', part.fingerprint, { participantLocal: mine.localFp, coordinatorRemote: theirs.remoteFp });
  if (mine.remoteFp !== coord.fingerprint || theirs.localFp !== coord.fingerprint) throw new CaseFailure('SAS-01', 'a fingerprint of the connection is not the certificate the coordinator presents', coord.fingerprint, { participantRemote: mine.remoteFp, coordinatorLocal: theirs.localFp });
  return { atCoordinator: theirs.code, atParticipant: mine.code, want: sasCode(part.fingerprint, coord.fingerprint).code };
}

export const PAIR_CASES: InteropCase[] = [
  {
    id: 'claim-join',
    kind: 'pair',
    covers: ['PRES-45', 'SIG-20', 'SIG-22'],
    description: 'the first peer claims the room and coordinates; the second finds it taken and joins',
    async run(room, stacks) {
      await pair(room, stacks);
    },
  },
  {
    id: 'roster',
    kind: 'pair',
    covers: ['PRES-59', 'PRES-15', 'PRES-39'],
    description: 'both peers report the same roster of both',
    async run(room, stacks) {
      const [a, b] = await pair(room, stacks);
      await room.converge([a, b], [a.voiceId, b.voiceId], room.t.connectMs);
    },
  },
  {
    id: 'safety-code',
    kind: 'pair',
    covers: ['SAS-05', 'SAS-01', 'SAS-03', 'SAS-07', 'SAS-10'],
    description: 'both ends show the same code, whichever certificate sorts first; another certificate under the same name shows another code',
    async run(room, stacks) {
      const [a, b] = await pair(room, stacks);
      const seen = new Set<boolean>();
      const codes: string[] = [];
      // The order of the two fingerprints matters (SAS-05): judge both orders, with fresh certificates.
      for (let s: Seat | null = b, i = 0; s && i < 8; i++) {
        const c = await codesOf(room, a, s);
        if (c.atCoordinator !== c.atParticipant) throw new CaseFailure('SAS-05', 'the two ends of one connection show different codes', { coordinator: c.atCoordinator }, { participant: c.atParticipant });
        if (c.atCoordinator !== c.want) throw new CaseFailure('SAS-07', 'both ends agree on a code that is not the derivation of chapter 6', c.want, c.atCoordinator);
        codes.push(c.atCoordinator);
        seen.add(s.fingerprint < a.fingerprint);
        s = seen.size < 2 || codes.length < 2 ? await room.join(stacks[1]!, 'second') : null;
        if (s) await room.until(s, room.t.connectMs, (st) => st.status === 'connected' && st.presenceId !== null, 'SIG-22', 'joining the room as a participant');
      }
      if (new Set(codes).size < 2) throw new CaseFailure('SAS-01', 'peers with different certificates were shown the same code', 'different codes', codes);
    },
  },
  {
    id: 'lobby',
    kind: 'pair',
    covers: ['PRES-13', 'PRES-28', 'PRES-42', 'PRES-19'],
    description: 'with the lobby on, the joiner waits, the coordinator sees its knock by connection id and admits it',
    async run(room, [a, b]) {
      const first = await room.join(a!, 'first', { lobby: true });
      await room.coordinates(first);
      const second = await room.join(b!, 'second');
      const w = await room.until(second, room.t.connectMs, (s) => s.lobby.includes('waiting') && s.presenceId !== null, 'PRES-13', 'being told lobby waiting');
      if (ids(w.roster).includes(second.voiceId)) throw new CaseFailure('PRES-19', 'a waiting joiner received a roster listing itself');
      await room.until(first, room.t.reactMs, (s) => s.knocks.some((k) => k.conn === w.presenceId), 'PRES-13', `listing the knock of connection ${w.presenceId}`);
      await first.stack.ctl.call('peer.moderate', { peer: first.peer, op: 'admit', target: w.presenceId! });
      await room.until(second, room.t.reactMs, (s) => s.lobby.includes('admitted'), 'PRES-28', 'being told admitted');
      await room.converge([first, second], [first.voiceId, second.voiceId], room.t.connectMs, 'PRES-42');
    },
  },
  {
    id: 'lock',
    kind: 'pair',
    covers: ['PRES-08', 'PRES-26'],
    description: 'a locked room tells a new identity lobby locked and keeps it out',
    async run(room, [a, b]) {
      const first = await room.join(a!, 'first');
      await room.coordinates(first);
      await first.stack.ctl.call('peer.moderate', { peer: first.peer, op: 'lock' });
      await room.until(first, room.t.reactMs, (s) => s.roster?.locked === true, 'PRES-26', 'locking');
      const second = await room.join(b!, 'second');
      await room.until(second, room.t.connectMs, (s) => s.lobby.includes('locked'), 'PRES-08', 'being told lobby locked');
      if (ids((await room.state(first)).roster).includes(second.voiceId)) throw new CaseFailure('PRES-08', 'a new identity entered a locked room');
    },
  },
  {
    id: 'kick',
    kind: 'pair',
    covers: ['PRES-30', 'PRES-43', 'PRES-06'],
    description: 'the coordinator kicks the participant: it is told, and leaves the roster',
    async run(room, stacks) {
      const [a, b] = await pair(room, stacks);
      await room.converge([a, b], [a.voiceId, b.voiceId], room.t.connectMs);
      await a.stack.ctl.call('peer.moderate', { peer: a.peer, op: 'kick', target: b.voiceId });
      await room.until(b, room.t.reactMs, (s) => s.kicked > 0, 'PRES-43', 'reporting the kick');
      await room.until(a, room.t.reactMs, (s) => !ids(s.roster).includes(b.voiceId), 'PRES-30', 'removing the kicked member');
    },
  },
  {
    id: 'host-command',
    kind: 'pair',
    covers: ['HCMD-07', 'HCMD-10', 'PRES-31'],
    description: 'a lock signed by the participant\'s stack is enforced by the coordinator\'s stack',
    async run(room, stacks) {
      const hostKey = testKeys().host.publicJwk as never;
      const [a, b] = await pair(room, stacks, { first: { hostKey }, second: { hostKey } });
      await room.converge([a, b], [a.voiceId, b.voiceId], room.t.connectMs);
      await b.stack.ctl.call('peer.hostcmd', { peer: b.peer, op: 'lock', privateJwk: testKeys().host.privateJwk as never });
      await room.until(a, room.t.reactMs + 3000, (s) => s.roster?.locked === true, 'PRES-31', 'enacting the host\'s lock');
      await room.until(b, room.t.reactMs + 3000, (s) => s.roster?.locked === true, 'PRES-39', 'seeing the room locked');
    },
  },
  {
    id: 'identity',
    kind: 'pair',
    covers: ['BIND-05', 'IDT-17', 'PRES-10', 'BIND-04'],
    description: 'an ID token bound to the participant\'s certificate passes the coordinator\'s gate; the same token from another certificate is refused',
    async run(room, [a, b]) {
      const first = await room.join(a!, 'first', { gate: testGate() as never });
      await room.coordinates(first);
      const second = await room.join(b!, 'second', { inCall: false });
      const jwt = boundIdToken('second@example.test', second.fingerprint, room.id);
      await second.stack.ctl.call('peer.identity', { peer: second.peer, jwt });
      await second.stack.ctl.call('peer.announce', { peer: second.peer, on: true });
      await room.until(first, room.t.connectMs, (s) => ids(s.roster).includes(second.voiceId), 'BIND-05', 'admitting a token bound to the certificate of its connection');
      const replay = await room.join(b!, 'replayer', { jwt });
      await room.until(replay, room.t.connectMs, (s) => s.lobby.includes('unverified'), 'IDT-17', 'refusing a token bound to another certificate (lobby unverified)');
      if (ids((await room.state(first)).roster).includes(replay.voiceId)) throw new CaseFailure('IDT-17', 'a token bound to another certificate passed the gate');
    },
  },
  {
    id: 'large-frame',
    kind: 'pair',
    covers: ['WIRE-36', 'WIRE-38', 'PRES-15'],
    description: 'an announcement of 18 000 bytes crosses in PeerJS chunks to the coordinator and back in its roster',
    async run(room, stacks) {
      const [a, b] = await pair(room, stacks);
      await b.stack.ctl.call('peer.announce', { peer: b.peer, on: true, meta: { blob: BIG } });
      const big = (s: { roster: { members: { id: string; meta?: Record<string, unknown> }[] } | null }) => s.roster?.members.find((m) => m.id === b.voiceId)?.meta?.blob === BIG;
      await room.until(a, room.t.reactMs + 3000, big, 'WIRE-36', 'receiving the 18 000-byte announcement');
      await room.until(b, room.t.reactMs + 3000, big, 'WIRE-36', 'receiving the roster carrying it');
    },
  },
  {
    id: 'migration',
    kind: 'pair',
    covers: ['PRES-47', 'PRES-59', 'PRES-45', 'PRES-51'],
    description: 'the coordinator leaves; the participant of the other stack reclaims the room, and a newcomer of the first stack joins it',
    async run(room, [a, b]) {
      const [first, second] = await pair(room, [a!, b!]);
      await room.leave(first);
      await room.until(second, room.t.migrateMs, (s) => s.coordinator && s.status === 'connected', 'PRES-47', 'reclaiming the room after the coordinator left');
      const again = await room.join(a!, 'newcomer');
      await room.converge([second, again], [second.voiceId, again.voiceId], room.t.connectMs, 'PRES-51');
    },
  },
];

export const TRIO_CASES: InteropCase[] = [
  {
    id: 'trio.converge',
    kind: 'trio',
    covers: ['PRES-59', 'SIG-22'],
    description: 'three stacks in one room report the same roster',
    async run(room, stacks) {
      const first = await room.join(stacks[0]!, 'first');
      await room.coordinates(first);
      const rest = [await room.join(stacks[1]!, 'second'), await room.join(stacks[2]!, 'third')];
      await room.converge([first, ...rest], [first.voiceId, ...rest.map((s) => s.voiceId)], room.t.connectMs);
    },
  },
  {
    id: 'trio.safety-code',
    kind: 'trio',
    covers: ['SAS-05', 'SAS-01'],
    description: 'both ends of every presence connection of the room show the same code',
    async run(room, stacks) {
      const first = await room.join(stacks[0]!, 'first');
      await room.coordinates(first);
      for (const [i, s] of stacks.slice(1).entries()) {
        const seat = await room.join(s, i ? 'third' : 'second');
        await room.until(seat, room.t.connectMs, (st) => st.status === 'connected' && st.presenceId !== null, 'SIG-22', 'joining');
        const c = await codesOf(room, first, seat);
        if (c.atCoordinator !== c.atParticipant || c.atCoordinator !== c.want) throw new CaseFailure('SAS-05', `the ${seat.role} connection shows different codes at its two ends`, c.want, c);
      }
    },
  },
  {
    id: 'trio.host-command',
    kind: 'trio',
    covers: ['PRES-31', 'HCMD-07'],
    description: 'the third stack signs a lock, the first enforces it, all three see it',
    async run(room, stacks) {
      const hostKey = testKeys().host.publicJwk as never;
      const first = await room.join(stacks[0]!, 'first', { hostKey });
      await room.coordinates(first);
      const seats = [first, await room.join(stacks[1]!, 'second', { hostKey }), await room.join(stacks[2]!, 'third', { hostKey })];
      await room.converge(seats, seats.map((s) => s.voiceId), room.t.connectMs);
      await seats[2]!.stack.ctl.call('peer.hostcmd', { peer: seats[2]!.peer, op: 'lock', privateJwk: testKeys().host.privateJwk as never });
      for (const s of seats) await room.until(s, room.t.reactMs + 3000, (st) => st.roster?.locked === true, 'PRES-31', 'seeing the room locked by the host');
    },
  },
  {
    id: 'trio.migration',
    kind: 'trio',
    covers: ['PRES-47', 'PRES-59'],
    description: 'the coordinator leaves; one survivor reclaims and the other two stacks converge',
    async run(room, stacks) {
      const first = await room.join(stacks[0]!, 'first');
      await room.coordinates(first);
      const rest = [await room.join(stacks[1]!, 'second'), await room.join(stacks[2]!, 'third')];
      await room.converge([first, ...rest], [first.voiceId, ...rest.map((s) => s.voiceId)], room.t.connectMs);
      await room.leave(first);
      await room.converge(rest, rest.map((s) => s.voiceId), room.t.migrateMs, 'PRES-47');
      const states = await Promise.all(rest.map((s) => room.state(s)));
      if (states.filter((s) => s.coordinator).length !== 1) throw new CaseFailure('PRES-47', 'not exactly one survivor coordinates', 1, states.map((s) => s.coordinator));
    },
  },
];

export const ALL_CASES = [...PAIR_CASES, ...TRIO_CASES];

/** A short random tag, for case rooms. */
export const tag = () => randomBytes(2).toString('hex');
