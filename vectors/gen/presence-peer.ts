// Scenario vectors for the participant and for the room machine (the claim loop and migration),
// spec/08-presence.md. Link events (open, closed, unavailable) and claim answers are scripted,
// so every timer of the participant and of the loop is pinned to the millisecond.
import type { FileSpec } from './lib.ts';
import { connect, ev, frame, host, hostCmd, join, knock, local, message, roster, ROOM, scenario, selfOff, selfOn, tick, type Step } from './presence-dsl.ts';

const p = (name: string, description: string, covers: string[], steps: Step[], o: Parameters<typeof scenario>[5] = {}) =>
  scenario('participant', name, description, covers, steps, { config: { token: 'tAnn' }, ...o });
const r = (name: string, description: string, covers: string[], steps: Step[], o: Parameters<typeof scenario>[5] = {}) =>
  scenario('room', name, description, covers, steps, { config: { room: ROOM, token: 'tAnn' }, ...o });

const open = ev('open');
const closed = ev('closed');
/** Ticks every `step` ms from `from` to `to` inclusive. */
const ticks = (from: number, to: number, step = 500): Step[] => {
  const out: Step[] = [];
  for (let t = from; t <= to; t += step) out.push([t, tick]);
  return out;
};
const won = (id: number) => ev('claimed', { id, result: 'won' });
const taken = (id: number) => ev('claimed', { id, result: 'taken' });
const claimError = (id: number) => ev('claimed', { id, result: 'error' });

export const presencePeerVectors: FileSpec = {
  file: 'presencepeer',
  title: 'Presence: the participant (link, liveness, announcing) and the claim loop with coordinator migration',
  profile: 'presence',
  chapters: ['spec/08-presence.md', 'spec/02-room-ids.md'],
  notes: {
    'boundary': { bugType: 'BOUNDARY', description: 'A timer exactly at, or 1 ms past, its stated value.' },
    'missing-step': { bugType: 'MISSING_STEP', description: 'A rule the peer must apply was skipped.' },
    'migration': { bugType: 'EDGE_CASE', description: 'What a new coordinator inherits from the last roster, and what it must start without.' },
    'hardening': { bugType: 'EDGE_CASE', description: 'A wire-compatible SHOULD that closes a gap upstream leaves open.' },
    'unclaimable': { bugType: 'MISSING_STEP', description: 'The peer id fails the broker id syntax; a peer must refuse the room instead of retrying forever.' },
  },
  groups: [
    {
      name: 'link',
      description: 'Dialing, the knock and re-dialing [PRES-35], [PRES-37], [PRES-38], [PRES-44]',
      cases: [
        p('open-knocks', 'The participant dials at once; on open it knocks, then re-sends its announcement', ['PRES-35'],
          [[5, selfOn('Ann')], [40, open]]),
        p('knock-name', 'A knock carries the knock name over the call name, the token, the media id and the ID token', ['PRES-35'],
          [[5, selfOn('Ann')], [6, local('knock', { name: 'Annie', avatar: 'a.png' })], [7, local('identity', { jwt: 'e.e.e' })], [40, open]]),
        p('backoff', 'After failures the participant re-dials after 2000, 3500, 5000 and 6500 ms, then gives up', ['PRES-37'],
          [[100, closed], [2099, tick], [2100, tick], [2200, closed], [5699, tick], [5700, tick], [5800, closed], [10800, tick], [10900, closed], [17400, tick], [17500, closed]], { flags: ['boundary'] }),
        p('open-resets-backoff', 'A successful open resets the attempt count', ['PRES-37'],
          [[100, closed], [2100, tick], [2200, open], [3000, closed], [5000, tick]], { flags: ['boundary'] }),
        p('open-timeout', 'A dial that has not opened after 15000 ms has failed', ['PRES-37'],
          [[14999, tick], [15000, tick], [17000, tick]], { flags: ['boundary'] }),
        p('unavailable', 'The broker reporting the coordinator id unregistered ends the link at once', ['PRES-38'],
          [[100, ev('unavailable')], [200, tick]]),
        p('close-sends-leave', 'Closing sends leave on an open link and stops', ['PRES-44'], [[10, open], [20, local('close')], [3000, tick]]),
        { ...p('identity-null', 'The local op identity takes a string jwt', ['PRES-55'], [[10, local('identity', { jwt: null })]]), error: 'input.invalid' },
        p('send-needs-open', 'Nothing is sent while the link is not open', ['PRES-35'], [[5, selfOn('Ann')], [10, local('mod', { token: 'x.y' })]]),
        p('open-while-redial-scheduled', 'An open while a re-dial is scheduled opens the link and cancels the re-dial', ['PRES-65', 'PRES-37'],
          [[100, closed], [200, open], [2100, tick], [2600, tick]]),
        p('knock-op-open', 'The knock op on an open link sends the knock at once, with the new name, and no voice', ['PRES-35'],
          [[5, selfOn('Ann')], [10, open], [20, local('knock', { name: 'Annie', avatar: 'a.png' })]]),
        p('knock-name-empty', 'An empty knock name counts as unset: the knock carries the call name', ['PRES-35'],
          [[5, local('knock', { name: '', avatar: '' })], [6, selfOn('Ann')], [40, open]]),
        p('events-after-close', 'After close every event is ignored', ['PRES-65', 'PRES-44'], [[10, open], [20, local('close')], [30, frame({ t: 'ping' })], [40, ev('closed')], [50, selfOn('Ann')]]),
      ],
    },
    {
      name: 'liveness',
      description: 'Ping, silence and the freeze guard on the participant side [PRES-36]',
      cases: [
        p('silence', 'A coordinator silent for more than 12000 ms is given up at the next beat', ['PRES-36'],
          [[0, open], ...ticks(2500, 15000, 2500)], { flags: ['boundary'] }),
        p('frames-are-life', 'Any frame from the coordinator, ping included, counts as life', ['PRES-36'],
          [[0, open], [2500, tick], [5000, tick], [7500, tick], [10000, frame({ t: 'ping' })], [10000, tick], [12500, tick], [15000, tick], [17500, tick], [20000, tick], [22500, tick], [25000, tick]]),
        p('freeze', 'A beat more than 6000 ms after the previous one means we were frozen: no verdict', ['PRES-36'],
          [[0, open], [2500, tick], [20000, tick], [22500, tick]], { flags: ['boundary'] }),
      ],
    },
    {
      name: 'announce',
      description: 'Reading frames and announcing membership [PRES-39..PRES-43]',
      cases: [
        p('roster-defaults', 'A roster without lobby, locked or host reads as false, false and empty', ['PRES-39'],
          [[0, open], [10, frame({ t: 'roster', members: [{ id: 'vBob', name: 'Bob', cam: false }] })]]),
        p('self-heal', 'A roster that lacks us while we are in the call makes us announce again', ['PRES-40'],
          [[0, selfOn('Ann')], [10, open], [20, frame(roster(['Bob']))], [30, frame(roster(['Bob', 'Ann']))]]),
        p('reannounce-schedule', 'In the call we re-announce 600 and 1800 ms after joining, then every 3000 ms', ['PRES-40'],
          [[0, open], [1000, selfOn('Ann')], ...ticks(1500, 7100, 100)], { flags: ['boundary'] }),
        p('listed-while-out', 'A roster that lists us while we are not in the call makes us announce that we left', ['PRES-41'],
          [[0, open], [10, selfOn('Ann')], [20, selfOff('Ann')], [30, frame(roster(['Ann']))]], { flags: ['hardening'] }),
        p('waiting-admitted', 'After waiting, admitted makes us send the held announcement again', ['PRES-42'],
          [[0, selfOn('Ann')], [10, open], [20, frame({ t: 'lobby', status: 'waiting' })], [30, frame({ t: 'lobby', status: 'admitted' })], [40, frame({ t: 'lobby', status: 'admitted' })]]),
        p('kicked', 'kick is reported to the application', ['PRES-43'],
          [[0, selfOn('Ann')], [10, open], [20, frame({ t: 'kick' })]]),
        p('kicked-stops-announcing', 'After a kick we stop re-announcing: neither the schedule nor a roster that lacks us sends a voice', ['PRES-120', 'PRES-43'],
          [[0, selfOn('Ann')], [10, open], [20, frame({ t: 'kick' })], [30, frame(roster(['Bob']))], ...ticks(500, 3500, 500)], { flags: ['hardening'] }),
        p('late-tick-order', 'A late tick runs the due timers in the machine\'s fixed order (beat, then re-announce), re-announces once, and the next re-send is 3000 ms after that tick', ['PRES-40', 'PRES-36'],
          [[0, open], [0, selfOn('Ann')], [3100, tick], [6099, tick], [6100, tick]], { flags: ['boundary'] }),
        p('roster-report-normalised', 'A received roster is reported with each member as {id, name, cam, avatar?, meta?}: null members dropped, unknown members not reported', ['PRES-39'],
          [[0, open], [10, frame({ t: 'roster', members: [{ id: 'vBob', name: 'Bob', cam: false, avatar: null, meta: null, x: 1 }], lobby: null, host: null })]]),
        p('lobby-unknown-status', 'A lobby frame with an unknown status is dropped as malformed, without conn', ['PRES-64', 'MSG-27'],
          [[0, open], [10, frame({ t: 'lobby', status: 'maybe' })], [20, frame({ t: 'lobby' })]], { flags: ['missing-step'] }),
        p('reset-and-malformed', 'reset is reported; a malformed frame is dropped but still counts as life', ['PRES-39', 'PRES-36'],
          [[0, open], [10, frame({ t: 'reset' })], [20, frame({ t: 'roster', members: 'nope' })], [30, frame({ t: 'lobby', status: 'maybe' })]]),
      ],
    },
    {
      name: 'loop',
      description: 'The claim loop [PRES-45], [PRES-46], [PRES-47], [PRES-52], [PRES-53]',
      cases: [
        r('won', 'Winning the claim makes us coordinator and replays our announcement into our own roster', ['PRES-45', 'PRES-51', 'PRES-52'],
          [[0, selfOn('Ann')], [20, won(1)], [30, connect('c1')]]),
        r('taken', 'A taken id makes us a participant that dials at once; connected on open', ['PRES-45', 'PRES-52'], [[20, taken(1)], [50, open]]),
        r('error-retry', 'A claim error retries 3000 ms later', ['PRES-45'], [[20, claimError(1)], [3019, tick], [3020, tick]], { flags: ['boundary'] }),
        r('timeout', 'A claim with no answer for 8000 ms is abandoned, retried 3000 ms later, and a late win is released', ['PRES-46'],
          [[7999, tick], [8000, tick], [9000, won(1)], [10999, tick], [11000, tick]], { flags: ['boundary'] }),
        r('gone-reclaims', 'When the coordinator is gone we wait 1500 ms and claim again', ['PRES-47'],
          [[20, taken(1)], [50, open], [60, ev('unavailable')], [1559, tick], [1560, tick]], { flags: ['boundary'] }),
        r('displaced', 'A coordinator whose id was taken over stands down and claims again after 1500 ms', ['PRES-47'],
          [[20, won(1)], [100, ev('displaced')], [1600, tick], [1700, taken(2)]]),
        r('close-while-claiming', 'Closing while a claim is out abandons it and reports closed; a later win is released', ['PRES-46', 'PRES-52'],
          [[10, local('close')], [20, won(1)], [30, tick]]),
        r('close-as-coordinator', 'Closing as coordinator releases the authority id, then reports closed', ['PRES-52', 'PRES-01'],
          [[20, won(1)], [30, local('close')], [2600, tick]]),
        r('close-as-participant', 'Closing as participant sends leave, hangs up, then reports closed', ['PRES-44', 'PRES-52'],
          [[20, taken(1)], [30, open], [40, local('close')]]),
        r('reannounce-from-role-start', 'An announcement made before the role exists re-sends 600 and 1800 ms after the participant role began, then every 3000 ms', ['PRES-40'],
          [[0, selfOn('Ann')], [20, taken(1)], [30, open], [619, tick], [620, tick], [1820, tick], [3019, tick], [3020, tick]], { flags: ['boundary'] }),
        r('own-token-slot-kept', 'The coordinator\'s own slot holds no token: a connection announcing the room\'s token does not evict it', ['PRES-15', 'PRES-51'],
          [[0, selfOn('Ann')], [20, won(1)], [30, connect('c1')], [40, message('c1', join('Bob', { token: 'tAnn' }))]]),
        r('unclaimable', 'A room whose authority id no broker accepts is refused', ['PRES-53', 'ROOM-06'], [[10, tick]],
          { config: { room: '!!!', token: 'tAnn' }, error: 'room.unclaimable-id', flags: ['unclaimable'] }),
      ],
    },
    {
      name: 'migration',
      description: 'What a new coordinator inherits and what it loses [PRES-48], [PRES-49], [PRES-50]',
      cases: [
        r('inherits-flags-and-ids', 'The last roster\'s media ids are grandfathered past lobby and lock; the lobby and lock flags carry over', ['PRES-48', 'PRES-50'],
          [[0, selfOn('Ann')], [20, taken(1)], [30, open], [40, frame(roster(['Cat', 'Ann', 'Bob'], { lobby: true, locked: true, host: 'vCat' }))],
            [50, ev('unavailable')], [1550, tick], [1560, won(2)],
            [1600, connect('c1')], [1610, message('c1', knock('Bob', { voiceId: 'vBob' }))], [1620, message('c1', join('Bob'))],
            [1700, connect('c2')], [1710, message('c2', knock('Eve', { voiceId: 'vEve' }))]], { flags: ['migration'] }),
        r('loses-kicks-and-host', 'A new coordinator starts with no host, no kick list and no admitted tokens', ['PRES-49'],
          [[0, selfOn('Ann')], [20, taken(1)], [30, open], [40, frame(roster(['Cat', 'Ann'], { lobby: true, host: 'vCat' }))], [50, ev('unavailable')], [1550, tick], [1560, won(2)],
            [1600, connect('c1')], [1610, message('c1', knock('Dan'))]], { flags: ['migration'] }),
        r('grandfathered-voice-skips-gate', 'An inherited media id joins a gated room without verification', ['PRES-50'],
          [[20, taken(1)], [30, open], [40, frame(roster(['Bob']))], [50, ev('unavailable')], [1550, tick], [1560, won(2)],
            [1600, connect('c1')], [1610, message('c1', join('Bob'))]], { config: { room: ROOM, token: 'tAnn', gate: { require: true } }, flags: ['migration'] }),
        r('lobby-on-start-first-only', 'lobbyOnStart applies to the first coordinator; a successor takes the flag from the last roster', ['PRES-48'],
          [[20, taken(1)], [30, open], [40, frame(roster([], { lobby: false }))], [50, ev('unavailable')], [1550, tick], [1560, won(2)], [1600, connect('c1')]],
          { config: { room: ROOM, token: 'tAnn', lobbyOnStart: true }, flags: ['migration'] }),
        r('host-reclaims', 'The host proves itself again to the new coordinator with a fresh claim', ['PRES-49', 'PRES-32'],
          [[0, selfOn('Ann')], [20, won(1)], [30, local('mod', { token: hostCmd('claim', { jti: 'e00000000000000000000001' }) })]],
          { config: { room: ROOM, token: 'tAnn', hostKey: host.pub as never } }),
      ],
    },
  ],
};
