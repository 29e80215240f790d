// Op contracts of the `presence` profile (see ./types.ts): spec/08-presence.md 8.8. Configs, events
// and outputs are open objects discriminated by `type` (or by the role): the tables of 8.8 define
// their members, and chapters that extend the presence machines (admission, agents) add members
// and kinds without changing these contracts.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { input, oneOf, output } from './shapes.ts';

const CH = 'spec/08-presence.md';
const Role = oneOf(['coordinator', 'participant', 'room'], 'Which machine to create (8.8).');
const Config = Type.Record(Type.String(), Type.Unknown(), { description: 'The role\'s config object (8.8, "Configs").' });
const Time = (description: string) => Type.Number({ description });
/** Event kinds of 8.8. A chapter that adds a kind adds it here, so that an unknown kind stays input.invalid (PRES-55). */
export const PRESENCE_EVENT_TYPES = [
  'connect', 'disconnect', 'message', 'result', 'open', 'closed', 'unavailable', 'frame', 'claimed', 'displaced', 'tick', 'local',
] as const;
const Event = Type.Object(
  { type: oneOf(PRESENCE_EVENT_TYPES, 'The event kind (8.8, "Events"); its other members depend on it.') },
  { description: 'One event.' },
);
const Output = Type.Object({ type: Type.String({ description: 'The output kind (8.8, "Outputs").' }) }, { description: 'One output.' });
const TaggedOutput = Type.Object(
  {
    step: Type.Integer({ minimum: 0, description: '1-based index of the step that produced it; 0 for creation.' }),
    at: Time('That step\'s time.'),
    type: Type.String({ description: 'The output kind (8.8, "Outputs").' }),
  },
  { description: 'One output, tagged with its step.' },
);
const Wake = Type.Union([Type.Number(), Type.Null()], { description: 'The earliest time a timer is due, or null.' });
const Session = Type.String({ description: 'An open session id.' });

export const PRESENCE_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'presence.scenario', profile: 'presence', chapter: CH,
    summary: 'Run a whole script on a fresh machine; the whole input is checked before the first step (PRES-55).',
    input: input({
      role: Role,
      config: Config,
      start: Time('Creation time, ms.'),
      steps: Type.Array(Type.Object({ at: Time('ms, never earlier than the previous step.'), event: Event }), { description: 'Run in order.' }),
    }),
    output: output({ outputs: Type.Array(TaggedOutput, { description: 'Every output, in order (PRES-57).' }) }),
    errors: ['room.unclaimable-id'],
  },
  {
    op: 'presence.open', profile: 'presence', chapter: CH,
    summary: 'Create a machine and keep it as a session (PRES-56).',
    input: input({ role: Role, config: Config, start: Time('Creation time, ms.') }),
    output: output({ session: Session, outputs: Type.Array(Output, { description: 'What creation emitted.' }), wake: Wake }),
    errors: ['room.unclaimable-id', 'presence.too-many-sessions'],
  },
  {
    op: 'presence.step', profile: 'presence', chapter: CH,
    summary: 'Feed one event to a session (PRES-56).',
    input: input({ session: Session, at: Time('ms, never earlier than the session\'s previous time.'), event: Event }),
    output: output({ outputs: Type.Array(Output), wake: Wake }),
    errors: ['presence.unknown-session', 'presence.time-backwards'],
  },
  {
    op: 'presence.close', profile: 'presence', chapter: CH,
    summary: 'Forget a session (PRES-56).',
    input: input({ session: Session }),
    output: output({}),
    errors: ['presence.unknown-session'],
  },
];
