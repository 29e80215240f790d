// Presence edges the mutation run of kibitz-py (npm run mutants:py) found unguarded: each scenario
// fails a single-edit mutant that every other vector and check of the profile lets pass
// (implementations/python/MUTATION.md names them).
import type { FileSpec } from './lib.ts';
import { connect, coordinatorConfig, disconnect, ev, frame, HOST_FP, join, local, message, result, ROOM, scenario, type Step } from './presence-dsl.ts';

/** A roster frame whose single member is `m` (what a participant reads, MSG-26). */
const rosterOf = (m: unknown) => frame({ t: 'roster', members: [m as never], lobby: false, host: '', locked: false });
const participant = (name: string, description: string, covers: string[], steps: Step[], flags: string[]) =>
  scenario('participant', name, description, covers, steps, { config: { token: 'tAnn' }, flags });

/** Bob is rostered on c2 first, so what c1's frame changes (or not) shows in the rosters sent. */
const withBob: Step[] = [[10, connect('c1')], [20, connect('c2')], [30, message('c2', join('Bob'))]];

export const presenceEdgeVectors: FileSpec = {
  file: 'presenceedges',
  title: 'Presence: edges found by the mutation run of kibitz-py (member types, the credential bound)',
  profile: 'presence',
  chapters: ['spec/08-presence.md', 'spec/07-messages.md'],
  notes: {
    'hardening-cap': { bugType: 'BOUNDARY', description: 'A member over its hardening cap must drop the frame; one at the bound must not.' },
    'fanout': { bugType: 'MISSING_STEP', description: 'A batched roster goes to the connection that caused it only while that connection is in the fan-out set.' },
    'missing-step': { bugType: 'MISSING_STEP', description: 'An output the step must produce is left out.' },
    'json-types': { bugType: 'EDGE_CASE', description: 'JSON true and 1 are different values: a change from one to the other is a change.' },
    'state-reuse': { bugType: 'AUTH_BYPASS', description: 'A connection id opened again after a disconnect starts with none of the old connection\'s state.' },
    'utf16-length': { bugType: 'EDGE_CASE', description: 'Lengths of host command tokens count UTF-16 code units, not code points.' },
    'type-confusion': { bugType: 'MISSING_STEP', description: 'An optional member of the wrong JSON type makes the frame malformed.' },
  },
  groups: [
    {
      name: 'frames',
      description: 'What a coordinator drops before the gate, and the credential bound [PRES-03], [PRES-10]',
      cases: [
        scenario('coordinator', 'avatar-number', 'A voice whose avatar is a number is malformed and dropped', ['PRES-03'],
          [...withBob, [40, message('c1', join('Ann', { avatar: 5 }))]], { config: coordinatorConfig(), flags: ['type-confusion'] }),
        scenario('coordinator', 'credential-at-bound', 'A credential of exactly 8192 characters is still verified', ['PRES-10'],
          [[10, connect('c1')], [20, message('c1', join('Ann', { jwt: 'e'.repeat(8192) }))]], { config: coordinatorConfig({ gate: { require: true } }), flags: ['hardening-cap'] }),
        scenario('coordinator', 'mod-token-utf16-over', 'A mod token of 4097 astral characters (8194 UTF-16 code units, over 8192) is oversize before any key is looked for', ['HCMD-12', 'PRES-07'],
          [[10, connect('c1')], [20, message('c1', { t: 'mod', token: '\u{1F600}'.repeat(4097) })]], { config: coordinatorConfig(), flags: ['utf16-length'] }),
      ],
    },
    {
      name: 'roster-members',
      description: 'A participant drops a roster whose member is not a CallMember [MSG-26], [PRES-64]',
      cases: [
        participant('member-not-object', 'A roster whose member is a string is malformed and dropped', ['MSG-26', 'PRES-64'],
          [[0, ev('open')], [10, rosterOf('vBob')], [20, rosterOf(['vBob'])]], ['type-confusion']),
        participant('member-meta-not-object', 'A roster whose member carries a meta that is an array or a string is malformed and dropped', ['MSG-26', 'PRES-64'],
          [[0, ev('open')], [10, rosterOf({ id: 'vBob', name: 'Bob', cam: false, meta: [] })], [20, rosterOf({ id: 'vBob', name: 'Bob', cam: false, meta: 'x' })]], ['type-confusion']),
      ],
    },
    {
      name: 'traffic',
      description: 'Lean and batched rosters at their edges [PRES-70], [PRES-71]',
      cases: [
        scenario('coordinator', 'lean-true-vs-one', 'In lean traffic a re-announce whose meta member turns from true to 1 is a change: broadcast and reported', ['PRES-70'],
          [...withBob, [40, message('c1', join('Ann', { meta: { x: true } }))], [50, message('c1', join('Ann', { meta: { x: 1 } }))]], { config: coordinatorConfig({ traffic: 'lean' }), flags: ['json-types'] }),
        scenario('coordinator', 'batched-leaver-out-of-fanout', 'In batched traffic with the lobby on, a leave takes the admission away first: the roster its slot removal causes is not sent back to the leaver', ['PRES-71', 'PRES-17'],
          [[10, connect('c1')], [20, message('c1', join('Ann'))], [30, message('c1', { t: 'leave' })]],
          { config: coordinatorConfig({ traffic: 'batched', lobby: true, hostName: 'Ann' }), flags: ['fanout'] }),
      ],
    },
    {
      name: 'room',
      description: 'The room machine passes on what its participant sends [PRES-35]',
      cases: [
        scenario('room', 'knock-while-open', 'A knock asked for while the participant\'s link is open is sent at once', ['PRES-35'],
          [[20, ev('claimed', { id: 1, result: 'taken' })], [30, ev('open')], [40, local('knock', { name: 'Ann', avatar: '' })]], { config: { room: ROOM, token: 'tAnn' }, flags: ['missing-step'] }),
      ],
    },
    {
      name: 'reuse',
      description: 'A connection id reused after a disconnect starts afresh [PRES-21]',
      cases: [
        scenario('coordinator', 'verified-not-inherited', 'A google-gated room: Ann verified on c1, c1 closes and opens again; an announce without a credential there is not verified', ['PRES-21', 'PRES-09'],
          [[10, connect('c1')], [20, message('c1', join('Ann', { jwt: 'e.y.j' }))], [30, result(1, HOST_FP)], [40, result(2, 'ok')],
            [50, disconnect('c1')], [60, connect('c1')], [70, message('c1', join('Ann'))]], { config: coordinatorConfig({ gate: { g: 'google' } }), flags: ['state-reuse'] }),
      ],
    },
  ],
};
