// Presence edges the mutation run of kibitz-py (npm run mutants:py) found unguarded: each scenario
// fails a single-edit mutant that every other vector and check of the profile lets pass
// (implementations/python/MUTATION.md names them).
import type { FileSpec } from './lib.ts';
import { connect, coordinatorConfig, join, message, scenario, type Step } from './presence-dsl.ts';

/** Bob is rostered on c2 first, so what c1's frame changes (or not) shows in the rosters sent. */
const withBob: Step[] = [[10, connect('c1')], [20, connect('c2')], [30, message('c2', join('Bob'))]];

export const presenceEdgeVectors: FileSpec = {
  file: 'presenceedges',
  title: 'Presence: edges found by the mutation run of kibitz-py (member types, the credential bound)',
  profile: 'presence',
  chapters: ['spec/08-presence.md', 'spec/07-messages.md'],
  notes: {
    'hardening-cap': { bugType: 'BOUNDARY', description: 'A member over its hardening cap must drop the frame; one at the bound must not.' },
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
      ],
    },
  ],
};
