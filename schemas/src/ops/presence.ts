// Op contracts of the `presence` profile (see ./types.ts): spec/08-presence.md 8.8. Configs, events
// and outputs are open objects discriminated by `type` (or by the role): the tables of 8.8 define
// their members. The members every shape rule of the reference reads are typed here (event kinds,
// local ops, traffic, the gate's switch), so that every input.invalid is visible to the schema; a
// chapter that extends the presence machines adds its event kinds and local ops to these lists.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { input, oneOf, output } from './shapes.ts';

const CH = 'spec/08-presence.md';
const Role = oneOf(['coordinator', 'participant', 'room'], 'Which machine to create (8.8).');
type Raw = Record<string, unknown>;
const str = { type: 'string' };
const nonEmpty = { type: 'string', minLength: 1 };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const present = {}; // required, any JSON value
/** The config members whose shape every role shares (8.8, "Configs"; 8.9): traffic, and the gate. */
const CONFIG_MEMBERS: Raw = {
  properties: {
    traffic: { enum: ['upstream', 'lean', 'batched'] },
    gate: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: { g: { enum: ['open', 'names', 'code', 'email', 'google', 'invite'] }, require: bool, bindsFingerprint: bool, credits: bool, gm: str, gn: { type: 'array', items: str } },
          // A plain gate (no g) says whether it is on; a mode's door is on unless it says otherwise.
          if: { not: { properties: { g: {} }, required: ['g'] } },
          then: { properties: { require: bool }, required: ['require'] },
        },
      ],
    },
  },
};
const Config = Type.Record(Type.String(), Type.Unknown(), { description: 'The role\'s config object (8.8, "Configs").', allOf: [CONFIG_MEMBERS] } as never);
/** An optional member: absent, null (the same as absent, 10.4) or of this shape. */
const orNull = (schema: Raw): Raw => ({ anyOf: [{ type: 'null' }, schema] });
const strings = { type: 'array', items: str };
const positive = { type: 'integer', minimum: 1 };
/** The gate's code list and attempt limit (8.9; its other members are CONFIG_MEMBERS'): typed whatever the mode, as every member is read. */
const GATE_MEMBERS: Raw = {
  properties: {
    gate: {
      anyOf: [
        { not: { type: 'object' } }, // shapes other than an object are CONFIG_MEMBERS' business
        {
          type: 'object',
          properties: {
            codes: orNull({ type: 'array', items: { type: 'object', properties: { name: str, code: str }, required: ['name', 'code'] } }),
            limit: orNull({ type: 'object', properties: { maxAttempts: positive, lockoutMs: positive }, required: ['maxAttempts', 'lockoutMs'] }),
          },
        },
      ],
    },
  },
};
/** The members of each role's config (8.8, "Configs"): required ones required, optional ones typed or null. */
const ROLE_CONFIGS: Raw[] = [
  {
    if: { properties: { role: { const: 'coordinator' } }, required: ['role'] },
    then: {
      properties: {
        config: {
          type: 'object',
          properties: { room: str, hostName: orNull(str), hostEmail: orNull(str), lobby: orNull(bool), locked: orNull(bool), grandfathered: orNull(strings) },
          required: ['room'],
          allOf: [GATE_MEMBERS],
        },
      },
    },
  },
  {
    if: { properties: { role: { const: 'participant' } }, required: ['role'] },
    then: { properties: { config: { type: 'object', properties: { token: str }, required: ['token'] } } },
  },
  {
    if: { properties: { role: { const: 'room' } }, required: ['role'] },
    then: {
      properties: {
        config: {
          type: 'object',
          properties: { room: str, token: str, hostName: orNull(str), hostEmail: orNull(str), lobbyOnStart: orNull(bool) },
          required: ['room', 'token'],
          allOf: [GATE_MEMBERS],
        },
      },
    },
  },
];
/** An op input with a `role` and its `config`, checked together. */
const withRole = <P extends Parameters<typeof input>[0]>(properties: P) => Type.Object(properties, { allOf: ROLE_CONFIGS } as never);
const Time = (description: string) => Type.Number({ description });
/** Event kinds of 8.8. A chapter that adds a kind adds it here, so that an unknown kind stays input.invalid (PRES-55). */
export const PRESENCE_EVENT_TYPES = [
  'connect', 'disconnect', 'message', 'result', 'open', 'closed', 'unavailable', 'frame', 'claimed', 'displaced', 'tick', 'local',
] as const;
/** `when` the discriminator `key` is `value`, the object also has these members (required unless in `optional`). */
const when = (key: string, value: string, members: Raw, optional: string[] = []): Raw => ({
  if: { properties: { [key]: { const: value } }, required: [key] },
  then: { properties: members, required: Object.keys(members).filter((m) => !optional.includes(m)) },
});
/**
 * The members of each local op (8.8, "Local ops"), every one required and typed. A chapter that adds
 * a local op adds it here, so that an unknown op stays input.invalid (PRES-55).
 */
export const PRESENCE_LOCAL_OPS: Record<string, Raw> = {
  self: { on: bool, cam: bool, name: str, avatar: str, voiceId: str, meta: { type: 'object' } },
  knock: { name: str, avatar: str },
  identity: { jwt: str },
  mod: { token: str },
  close: {},
  lobby: { on: bool },
  lock: { on: bool },
  gate: { on: bool },
  reset: {},
  admit: { conn: str },
  deny: { conn: str },
  kick: { id: str },
  'declare-host': { id: str },
  agent: { assertion: str }, // chapter 13 (8.10)
  credit: { credential: str },
};
const OPTIONAL_LOCAL_MEMBERS = ['meta'];
/** The typed members of each event kind (8.8, "Events"); `msg` and `value` are any JSON but required. */
const EVENT_MEMBERS: Raw[] = [
  when('type', 'connect', { conn: nonEmpty }),
  when('type', 'disconnect', { conn: nonEmpty }),
  when('type', 'message', { conn: nonEmpty, msg: present }),
  when('type', 'result', { id: int, value: present }),
  when('type', 'frame', { msg: present }),
  when('type', 'claimed', { id: int, result: { enum: ['won', 'taken', 'error'] } }),
  when('type', 'local', { op: { enum: Object.keys(PRESENCE_LOCAL_OPS) } }),
  ...Object.entries(PRESENCE_LOCAL_OPS).map(([op, members]): Raw => ({
    if: { properties: { type: { const: 'local' }, op: { const: op } }, required: ['type', 'op'] },
    then: { properties: members, required: Object.keys(members).filter((m) => !OPTIONAL_LOCAL_MEMBERS.includes(m)) },
  })),
];
const Event = Type.Object(
  { type: oneOf(PRESENCE_EVENT_TYPES, 'The event kind (8.8, "Events"); its other members depend on it.') },
  { description: 'One event; the members of each kind and of each local op are typed as 8.8 lists them.', allOf: EVENT_MEMBERS } as never,
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
    input: withRole({
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
    input: withRole({ role: Role, config: Config, start: Time('Creation time, ms.') }),
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
