// Scenario vectors for presence traffic (spec/08-presence.md, Security Considerations, "Presence
// traffic"): the coordinator's `traffic` config picks upstream's rule (every `voice` broadcast),
// `lean` [PRES-70] or `batched` [PRES-71], so one vector file judges a coordinator that keeps
// upstream's rule and one that hardens it alike. The participant cases show that a participant
// needs nothing new: it works whether rosters answer its announcements or come only on the beat.
import type { FileSpec } from './lib.ts';
import { connect, coordinatorConfig, disconnect, ev, frame, HOST_FP, hostCmd, join, keyed, knock, leaveCall, local, message, result, roster, scenario, selfOn, tick, type Step } from './presence-dsl.ts';

const lean = (over = {}) => coordinatorConfig({ traffic: 'lean', ...over });
const batched = (over = {}) => coordinatorConfig({ traffic: 'batched', ...over });
const c = (name: string, description: string, covers: string[], steps: Step[], config: ReturnType<typeof coordinatorConfig>, flags: string[] = []) =>
  scenario('coordinator', name, description, covers, steps, { config, flags });
const p = (name: string, description: string, covers: string[], steps: Step[]) =>
  scenario('participant', name, description, covers, steps, { config: { token: 'tAnn' } });

/** Ann on c1 and Bob on c2 are rostered; Cat on c3 is connected but has not announced. */
const room: Step[] = [[10, connect('c1')], [20, connect('c2')], [30, connect('c3')], [40, message('c1', join('Ann'))], [50, message('c2', join('Bob'))]];

export const presenceTrafficVectors: FileSpec = {
  file: 'presencetraffic',
  title: 'Presence traffic: upstream\'s rule, lean answers to unchanged announcements, rosters batched on the beat',
  profile: 'presence',
  chapters: ['spec/08-presence.md'],
  notes: {
    'amplification': { bugType: 'EDGE_CASE', description: 'A frame that changed nothing is answered to everyone: traffic grows with the cube of the room size.' },
    'leak': { bugType: 'AUTH_BYPASS', description: 'A lean answer reaches a connection outside the fan-out set (a knocker with the lobby on).' },
    'missing-step': { bugType: 'MISSING_STEP', description: 'A rule the coordinator must apply was skipped: a change not reported, or the beat not carrying it.' },
    'upstream': { bugType: 'BASIC', description: 'Upstream behaviour kept for compatibility, even where it surprises.' },
  },
  groups: [
    {
      name: 'upstream',
      description: 'traffic "upstream" (the default): every voice is broadcast [PRES-15], [PRES-16]',
      cases: [
        c('unchanged-announce-broadcast', 'An unchanged re-announce goes to every open connection and is reported, as upstream does', ['PRES-15', 'PRES-19'],
          [...room, [3040, message('c1', join('Ann'))]], coordinatorConfig({ traffic: 'upstream' }), ['upstream']),
      ],
    },
    {
      name: 'lean',
      description: 'traffic "lean": an announcement that changes nothing is answered on its own connection only [PRES-70]',
      cases: [
        c('unchanged-announce', 'An unchanged re-announce is answered with the roster on that connection alone, and not reported', ['PRES-70'],
          [...room, [3040, message('c1', join('Ann'))], [3050, message('c2', join('Bob'))]], lean(), ['amplification']),
        c('change-broadcast', 'A re-announce that changes the member (camera on) is broadcast and reported', ['PRES-70', 'PRES-15'],
          [...room, [3040, message('c1', join('Ann', { cam: true }))]], lean(), ['missing-step']),
        c('meta-compared-as-json', 'meta with the same members in another order is no change; another value is', ['PRES-70'],
          [[10, connect('c1')], [20, connect('c2')], [30, message('c1', join('Ann', { meta: { a: 1, b: [2, { c: 3 }] } }))],
            [40, message('c1', join('Ann', { meta: { b: [2, { c: 3 }], a: 1 } }))], [50, message('c1', join('Ann', { meta: { b: [2, { c: 4 }], a: 1 } }))]], lean(), ['amplification']),
        c('token-moves', 'The same token on a new connection replaces the old slot: a change, broadcast', ['PRES-70', 'PRES-15'],
          [...room, [60, connect('c4')], [70, message('c4', join('Ann'))]], lean(), ['missing-step']),
        c('voice-off-no-slot', 'voice off from a connection without a slot changes nothing: the roster goes back to it alone', ['PRES-70', 'PRES-16'],
          [...room, [60, message('c3', leaveCall('Cat'))]], lean(), ['amplification']),
        c('voice-off-removes', 'voice off that removes a member is broadcast and reported', ['PRES-70', 'PRES-16'],
          [...room, [60, message('c2', leaveCall('Bob'))]], lean(), ['missing-step']),
        c('unadmitted-gets-nothing', 'With the lobby on, a lean answer never goes to a connection outside the fan-out set', ['PRES-70', 'PRES-20', 'PRES-19'],
          [[10, connect('c1')], [20, message('c1', knock('Ann'))], [30, local('admit', { conn: 'c1' })], [40, message('c1', join('Ann'))], [50, connect('c2')],
            [60, message('c2', leaveCall('Bob'))], [70, message('c1', join('Ann'))]], lean({ lobby: true }), ['leak']),
        c('beat-reaches-everyone', 'The beat still sends pings and the roster to every connection of the fan-out set', ['PRES-70', 'PRES-22'],
          [...room, [600, message('c1', join('Ann'))], [2500, tick]], lean(), ['missing-step']),
        c('moderation-broadcast', 'Moderation (a lock) is broadcast at once in lean mode', ['PRES-70', 'PRES-26'],
          [...room, [60, local('lock', { on: true })]], lean(), ['missing-step']),
        c('self-unchanged-broadcast', 'The coordinator\'s own announcement is not a voice frame: unchanged, it is still broadcast and reported in lean mode', ['PRES-70', 'PRES-51'],
          [...room, [60, selfOn('Cat')], [70, selfOn('Cat')]], lean(), ['missing-step']),
      ],
    },
    {
      name: 'batched',
      description: 'traffic "batched": the roster reaches the fan-out set only on the beat; the sender of the change hears at once [PRES-71]',
      cases: [
        c('join', 'A join is answered to the joiner alone and reported; everyone else gets it with the next beat', ['PRES-71'],
          [[10, connect('c1')], [20, connect('c2')], [30, message('c1', join('Ann'))], [2500, tick]], batched(), ['amplification']),
        c('unchanged-announce', 'An unchanged re-announce is answered on its own connection, as in lean mode', ['PRES-71', 'PRES-70'],
          [...room, [3040, message('c1', join('Ann'))]], batched(), ['amplification']),
        c('leave-and-disconnect', 'leave and a disconnect send nothing at once: reported, and carried by the beat', ['PRES-71', 'PRES-17', 'PRES-21'],
          [...room, [60, message('c1', { t: 'leave' })], [70, disconnect('c2')], [2500, tick]], batched(), ['missing-step']),
        c('host-command', 'A host command that changes the roster is answered to the commanding connection alone; the beat carries it', ['PRES-71', 'PRES-31'],
          [...room, [60, message('c1', { t: 'mod', token: hostCmd('lock') })], [61, result(1, HOST_FP)], [2500, tick]],
          keyed({ traffic: 'batched' }), ['missing-step']),
        c('local-moderation', 'The coordinator\'s own lock is reported at once and reaches the room on the beat', ['PRES-71', 'PRES-26'],
          [...room, [60, local('lock', { on: true })], [2500, tick]], batched(), ['missing-step']),
        c('kick', 'A kick tells the kicked connection at once; the others learn on the beat', ['PRES-71', 'PRES-30'],
          [...room, [60, local('kick', { id: 'vBob' })], [2500, tick]], batched(), ['missing-step']),
        c('self', 'The coordinator\'s own announcement is reported at once and reaches the room on the beat', ['PRES-71', 'PRES-15'],
          [[10, connect('c1')], [20, selfOn('Cat')], [2500, tick]], batched(), ['missing-step']),
        c('lobby-admit', 'Admission still sends admitted and the roster to the admitted connection at once', ['PRES-71', 'PRES-28'],
          [[10, connect('c1')], [20, message('c1', knock('Ann'))], [30, local('admit', { conn: 'c1' })], [40, message('c1', join('Ann'))], [2500, tick]],
          batched({ lobby: true }), ['missing-step']),
      ],
    },
    {
      name: 'participant',
      description: 'A participant works whichever rule its coordinator follows [PRES-40], [PRES-70], [PRES-71]',
      cases: [
        p('rosters-only-on-the-beat', 'No roster answers the announcements, which follow their own clock (600, 1800, 3000 ms); a beat roster that lists us adds nothing', ['PRES-40', 'PRES-71'],
          [[0, ev('open')], [10, selfOn('Ann')], [610, tick], [1810, tick], [2500, frame(roster(['Ann']))], [2500, tick], [3010, tick]]),
        p('beat-roster-without-us', 'A beat roster that does not list us yet makes us announce again at once', ['PRES-40', 'PRES-71'],
          [[0, ev('open')], [10, selfOn('Ann')], [2500, frame(roster(['Bob']))]]),
        p('lean-answer', 'A roster sent to us alone (a lean answer) is read like any other', ['PRES-39', 'PRES-70'],
          [[0, ev('open')], [10, selfOn('Ann')], [20, frame(roster(['Ann'], { locked: true }))], [610, tick], [620, frame(roster(['Ann'], { locked: true }))]]),
      ],
    },
  ],
};
