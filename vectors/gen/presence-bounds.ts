// Presence scenarios behind spec/security-argument.md. Group `seen`: bounds on coordinator state
// that input can grow (PRES-63): the seen tokens and seen media ids survive disconnects, so without
// a bound one connection announcing ever-new identities grows them forever; each scenario announces
// SEEN_CAP + 1 identities from one connection, locks the room, and shows that the least recently
// seen identity was forgotten while the next one still passes the lock. Group `lurker`: what an
// unverified connection learns in a room with an identity gate (PRES-20, PRES-62).
import type { FileSpec } from './lib.ts';
import { connect, coordinatorConfig, HOST_FP, join, knock, local, message, result, scenario, type Step } from './presence-dsl.ts';

const CAP = 256;

/** c1 announces persons P0 .. P<CAP>, each with its own token and media id, 10 ms apart. */
function announceMany(): Step[] {
  const steps: Step[] = [[10, connect('c1')]];
  for (let i = 0; i <= CAP; i++) steps.push([20 + 10 * i, message('c1', join(`P${i}`))]);
  return steps;
}
const AFTER = 20 + 10 * (CAP + 1);

export const presenceBoundsVectors: FileSpec = {
  file: 'presencebounds',
  title: 'Presence: state bounds and what an unverified connection learns (scenarios behind the security argument)',
  profile: 'presence',
  chapters: ['spec/08-presence.md'],
  notes: {
    'unbounded-state': { bugType: 'BOUNDARY', description: 'State that survives disconnects and grows with input needs a stated bound; one more than the bound forgets the least recently added entry (a lookup does not count).' },
    'lurker': { bugType: 'BASIC', description: 'Upstream behaviour kept: with the lobby off every open connection receives the roster, verified or not; only the lobby withholds it.' },
  },
  groups: [
    {
      name: 'seen',
      description: 'At most 256 seen tokens and 256 seen media ids, least recently added forgotten first [PRES-63], [PRES-08]',
      cases: [
        scenario('coordinator', 'tokens', `${CAP + 1} tokens announced from one connection: the first is forgotten and no longer passes a lock, the second still does`, ['PRES-63', 'PRES-08'], [
          ...announceMany(),
          [AFTER, local('lock', { on: true })],
          [AFTER + 10, connect('c2')],
          [AFTER + 20, message('c2', join('X', { token: 'tP0' }))],
          [AFTER + 30, connect('c3')],
          [AFTER + 40, message('c3', join('Y', { token: 'tP1' }))],
        ], { config: coordinatorConfig(), flags: ['unbounded-state'] }),
        scenario('coordinator', 'media-ids', `${CAP + 1} media ids announced from one connection: the first is forgotten and no longer passes a lock, the second still does`, ['PRES-63', 'PRES-08'], [
          ...announceMany(),
          [AFTER, local('lock', { on: true })],
          [AFTER + 10, connect('c2')],
          [AFTER + 20, message('c2', join('X', { token: 'fresh-x', voiceId: 'vP0' }))],
          [AFTER + 30, connect('c3')],
          [AFTER + 40, message('c3', join('Y', { token: 'fresh-y', voiceId: 'vP1' }))],
        ], { config: coordinatorConfig(), flags: ['unbounded-state'] }),
        scenario('coordinator', 'refresh', 'Announcing an identity again makes it the most recent: P0 re-announced after P1..P255 survives one more identity', ['PRES-63'], [
          [10, connect('c1')],
          ...Array.from({ length: CAP }, (_, i): Step => [20 + 10 * i, message('c1', join(`P${i}`))]),
          [20 + 10 * CAP, message('c1', join('P0'))],
          [30 + 10 * CAP, message('c1', join('Q'))],
          [40 + 10 * CAP, local('lock', { on: true })],
          [50 + 10 * CAP, connect('c2')],
          [60 + 10 * CAP, message('c2', join('X', { token: 'tP0', voiceId: 'vX' }))],
          [70 + 10 * CAP, connect('c3')],
          [80 + 10 * CAP, message('c3', join('Y', { token: 'tP1', voiceId: 'vY' }))],
        ], { config: coordinatorConfig(), flags: ['unbounded-state'] }),
        scenario('coordinator', 'grandfathered-forgotten', `A new coordinator inheriting ${CAP + 1} media ids: the first is grandfathered but no longer a seen media id, so a locked room turns it away; the last still passes`, ['PRES-50', 'PRES-63'], [
          [10, connect('c1')],
          [20, message('c1', join('X', { token: 'fresh-x', voiceId: 'vG0' }))],
          [30, connect('c2')],
          [40, message('c2', join('Y', { token: 'fresh-y', voiceId: `vG${CAP}` }))],
        ], { config: coordinatorConfig({ locked: true, grandfathered: Array.from({ length: CAP + 1 }, (_, i) => `vG${i}`) }), flags: ['unbounded-state'] }),
      ],
    },
    {
      name: 'lurker',
      description: 'An identity gate refuses to roster an unverified joiner, but with the lobby off the roster reaches every open connection [PRES-20], [PRES-62]',
      cases: [
        scenario('coordinator', 'gate-lobby-off', 'Ann is verified and rostered; a stranger that connects and presents no credential receives the roster, with Ann\'s media id, at once', ['PRES-20', 'PRES-62', 'PRES-09'], [
          [10, connect('c1')],
          [20, message('c1', join('Ann', { jwt: 'e.e.e' }))],
          [30, result(1, HOST_FP)],
          [40, result(2, 'ok')],
          [50, connect('c2')],
          [60, message('c2', knock('Stranger'))],
        ], { config: coordinatorConfig({ gate: { require: true } }), flags: ['lurker'] }),
        scenario('coordinator', 'gate-lobby-on', 'The same with the lobby on: the stranger receives nothing, and its knock is held by the gate', ['PRES-62', 'PRES-20', 'PRES-09'], [
          [10, connect('c1')],
          [20, message('c1', knock('Ann', { jwt: 'e.e.e' }))],
          [30, result(1, HOST_FP)],
          [40, result(2, 'ok')],
          [45, local('admit', { conn: 'c1' })],
          [50, message('c1', join('Ann'))],
          [60, connect('c2')],
          [70, message('c2', knock('Stranger'))],
        ], { config: coordinatorConfig({ gate: { require: true }, lobby: true }), flags: ['lurker'] }),
      ],
    },
  ],
};
