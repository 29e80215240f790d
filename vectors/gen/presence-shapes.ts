// Input shapes of the presence ops (spec/08-presence.md 8.8, 8.9, 8.10; PRES-55, PRES-56): for every
// member the tables list, the wrong shapes an adapter must refuse with `input.invalid` before any
// step runs. Generated from a table of the members written from the spec text, one case per
// (member, wrong shape), so that a dropped or lenient shape check anywhere is seen. Found missing by
// the mutation run of kibitz-py (scripts/mutate-python.ts): each case is a check an implementation
// could leave out and still pass every scenario.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case, FileSpec } from './lib.ts';
import { coordinatorConfig, host, local, T0 } from './presence-dsl.ts';

/** How a member is typed in the tables of 8.8. */
type Kind =
  | 'string' // a string
  | 'nonempty' // a non-empty string (conn)
  | 'boolean'
  | 'integer'
  | 'number'
  | 'object'
  | 'array'
  | 'strings' // an array of strings
  | 'any' // any JSON value: only its absence can be wrong
  | { enum: readonly string[] }
  | { positive: true }; // an integer >= 1

interface Member {
  name: string;
  kind: Kind;
  /** `m?` in the tables: absent is fine (and null is absent, 10.4). */
  optional?: boolean;
  /** Optional, but null is NOT absent (`meta` of `self`: "an object when present (not null)"). */
  nullIsWrong?: boolean;
}

const WRONG: Record<string, [string, JsonValue][]> = {
  string: [['number', 5], ['boolean', true], ['array', ['x']], ['object', { s: 'x' }]],
  nonempty: [['empty', ''], ['number', 5], ['object', {}]],
  boolean: [['string', 'true'], ['number', 1], ['array', [true]]],
  integer: [['fraction', 1.5], ['string', '1'], ['boolean', true]],
  number: [['string', '1'], ['boolean', true], ['array', [1]]],
  object: [['string', 'x'], ['array', []], ['number', 1]],
  array: [['string', 'x'], ['object', {}], ['number', 1]],
  strings: [['string', 'x'], ['number-entry', ['x', 5]], ['object', { x: 'y' }], ['null-entry', [null]]],
  any: [],
  enum: [['unknown', 'zz-not-one'], ['case', 'UPPER'], ['number', 1]],
  positive: [['zero', 0], ['negative', -1], ['fraction', 1.5], ['string', '1']],
};

function wrongValues(m: Member): [string, JsonValue | undefined][] {
  const out: [string, JsonValue | undefined][] = [];
  // "any JSON" members: null is a value too (the frame null), only absence is wrong.
  if (!m.optional) out.push(['missing', undefined], ...(m.kind === 'any' ? [] : [['null', null] as [string, JsonValue]]));
  else if (m.nullIsWrong) out.push(['null', null]);
  const kind = m.kind;
  if (typeof kind === 'string') out.push(...WRONG[kind]!);
  else if ('enum' in kind) out.push(...WRONG.enum!.map(([n, v]): [string, JsonValue] => [n, n === 'case' ? kind.enum[0]!.toUpperCase() : v]));
  else out.push(...WRONG.positive!);
  return out;
}

const slug = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/[^a-z0-9-]/g, '-');

/** Every wrong shape of every member of `base`, each as its own copy of the whole object. */
function variants(members: readonly Member[], base: JsonObject): { name: string; value: JsonObject; why: string }[] {
  const out: { name: string; value: JsonObject; why: string }[] = [];
  for (const m of members) {
    for (const [wrong, v] of wrongValues(m)) {
      const value: JsonObject = { ...base };
      if (v === undefined) delete value[m.name];
      else value[m.name] = v;
      out.push({ name: `${slug(m.name)}-${wrong}`, value, why: v === undefined ? `without ${m.name}` : `with ${m.name} ${JSON.stringify(v)}` });
    }
  }
  return out;
}

// ---- the tables of 8.8 (and 8.9, 8.10 for the gate and the agent ops) --------------------------

const MODES = ['open', 'names', 'code', 'email', 'google', 'invite'] as const;

/** Events, with a valid instance of each and the role that receives it. */
const EVENTS: { type: string; role: string; members: Member[]; valid: JsonObject }[] = [
  { type: 'connect', role: 'coordinator', members: [{ name: 'conn', kind: 'nonempty' }], valid: { conn: 'c1' } },
  { type: 'disconnect', role: 'coordinator', members: [{ name: 'conn', kind: 'nonempty' }], valid: { conn: 'c1' } },
  { type: 'message', role: 'coordinator', members: [{ name: 'conn', kind: 'nonempty' }, { name: 'msg', kind: 'any' }], valid: { conn: 'c1', msg: { t: 'ping' } } },
  { type: 'result', role: 'coordinator', members: [{ name: 'id', kind: 'integer' }, { name: 'value', kind: 'any' }], valid: { id: 1, value: 'ok' } },
  { type: 'frame', role: 'participant', members: [{ name: 'msg', kind: 'any' }], valid: { msg: { t: 'ping' } } },
  { type: 'claimed', role: 'room', members: [{ name: 'id', kind: 'integer' }, { name: 'result', kind: { enum: ['won', 'taken', 'error'] } }], valid: { id: 1, result: 'won' } },
];

/** Local ops: every member shown is required; on and cam booleans, meta an object when present. */
const S = (name: string): Member => ({ name, kind: 'string' });
const B = (name: string): Member => ({ name, kind: 'boolean' });
const LOCAL_OPS: { op: string; role: string; members: Member[]; valid: JsonObject }[] = [
  { op: 'self', role: 'coordinator', members: [B('on'), B('cam'), S('name'), S('avatar'), S('voiceId'), { name: 'meta', kind: 'object', optional: true, nullIsWrong: true }], valid: { on: true, cam: false, name: 'Cat', avatar: '', voiceId: 'vCat', meta: { a: 1 } } },
  { op: 'knock', role: 'participant', members: [S('name'), S('avatar')], valid: { name: 'Cat', avatar: '' } },
  { op: 'identity', role: 'participant', members: [S('jwt')], valid: { jwt: 'e.e.e' } },
  { op: 'mod', role: 'coordinator', members: [S('token')], valid: { token: 'x.y' } },
  { op: 'lobby', role: 'coordinator', members: [B('on')], valid: { on: true } },
  { op: 'lock', role: 'coordinator', members: [B('on')], valid: { on: true } },
  { op: 'gate', role: 'coordinator', members: [B('on')], valid: { on: true } },
  { op: 'admit', role: 'coordinator', members: [S('conn')], valid: { conn: 'c1' } },
  { op: 'deny', role: 'coordinator', members: [S('conn')], valid: { conn: 'c1' } },
  { op: 'kick', role: 'coordinator', members: [S('id')], valid: { id: 'vAnn' } },
  { op: 'declare-host', role: 'coordinator', members: [S('id')], valid: { id: 'vAnn' } },
  { op: 'agent', role: 'participant', members: [S('assertion')], valid: { assertion: 'a.b' } },
  { op: 'credit', role: 'participant', members: [S('credential')], valid: { credential: 'a.b' } },
];

const COMMON_CONFIG: Member[] = [
  { name: 'hostName', kind: 'string', optional: true },
  { name: 'hostEmail', kind: 'string', optional: true },
  { name: 'gate', kind: 'object', optional: true },
  { name: 'traffic', kind: { enum: ['upstream', 'lean', 'batched'] }, optional: true },
];
const CONFIGS: { role: string; members: Member[]; valid: JsonObject }[] = [
  {
    role: 'coordinator',
    members: [S('room'), ...COMMON_CONFIG, { name: 'lobby', kind: 'boolean', optional: true }, { name: 'locked', kind: 'boolean', optional: true }, { name: 'grandfathered', kind: 'strings', optional: true }],
    valid: coordinatorConfig({ hostKey: host.pub as unknown as JsonValue, hostName: 'Ann', hostEmail: 'ann@example.org', lobby: false, locked: false, grandfathered: ['vAnn'], traffic: 'lean' }),
  },
  { role: 'participant', members: [S('token')], valid: { token: 'tCat' } },
  {
    role: 'room',
    members: [S('room'), S('token'), ...COMMON_CONFIG, { name: 'lobbyOnStart', kind: 'boolean', optional: true }],
    valid: { room: 'Standup', token: 'tCat', hostName: 'Ann', traffic: 'batched', lobbyOnStart: false },
  },
];

/** The gate config of 8.9 and 8.10, with a mode (so that require may be left out). */
const GATE: Member[] = [
  { name: 'g', kind: { enum: MODES }, optional: true },
  { name: 'gn', kind: 'strings', optional: true },
  { name: 'gm', kind: 'string', optional: true },
  { name: 'codes', kind: 'array', optional: true }, // its entries below
  { name: 'limit', kind: 'object', optional: true },
  { name: 'require', kind: 'boolean', optional: true },
  { name: 'bindsFingerprint', kind: 'boolean', optional: true },
  { name: 'credits', kind: 'boolean', optional: true },
];
const VALID_GATE: JsonObject = { g: 'code', gn: ['Ann'], codes: [{ name: 'Ann', code: 'ABC-DEF' }], limit: { maxAttempts: 5, lockoutMs: 60000 }, require: true, bindsFingerprint: false, credits: false };
const LIMIT: Member[] = [{ name: 'maxAttempts', kind: { positive: true } }, { name: 'lockoutMs', kind: { positive: true } }];
const CODE_ENTRY: Member[] = [S('name'), S('code')];

// ---- cases ----------------------------------------------------------------------------------

const VALID_CONFIG: Record<string, JsonObject> = Object.fromEntries(CONFIGS.map((c) => [c.role, c.valid]));

function scenarioCase(name: string, description: string, covers: string[], input: JsonObject, flags: string[] = ['lenient-shape']): Case {
  return { name, description, covers, op: 'presence.scenario', input, flags, error: 'input.invalid' };
}
const script = (role: string, config: JsonObject, event: JsonObject): JsonObject => ({ role, config, start: T0, steps: [{ at: T0 + 10, event }] });

function eventCases(): Case[] {
  const out: Case[] = [];
  for (const e of EVENTS) {
    for (const v of variants(e.members, e.valid)) {
      out.push(scenarioCase(`${e.type}-${v.name}`, `A ${e.type} event ${v.why} is input.invalid, and nothing runs`, ['PRES-55'], script(e.role, VALID_CONFIG[e.role]!, { type: e.type, ...v.value })));
    }
  }
  for (const l of LOCAL_OPS) {
    for (const v of variants(l.members, l.valid)) {
      out.push(scenarioCase(`local-${l.op}-${v.name}`, `The local op ${l.op} ${v.why} is input.invalid, and nothing runs`, ['PRES-55'], script(l.role, VALID_CONFIG[l.role]!, local(l.op, v.value))));
    }
  }
  out.push(
    scenarioCase('event-not-object', 'An event that is not an object is input.invalid', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, 'tick' as unknown as JsonObject)),
    scenarioCase('event-type-missing', 'An event without a type is input.invalid', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, { conn: 'c1' })),
    scenarioCase('event-type-number', 'An event type that is not a string is input.invalid', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, { type: 5 })),
    scenarioCase('event-type-case', 'Event types are exact: Tick is not tick', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, { type: 'Tick' })),
    scenarioCase('local-op-missing', 'A local event without an op is input.invalid', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, { type: 'local' })),
    scenarioCase('local-op-number', 'A local op that is not a string is input.invalid', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, { type: 'local', op: 5 })),
    scenarioCase('local-op-case', 'Local ops are exact: Lock is not lock', ['PRES-55'], script('coordinator', VALID_CONFIG.coordinator!, local('Lock', { on: true }))),
  );
  return out;
}

function configCases(): Case[] {
  const out: Case[] = [];
  const tick = { type: 'tick' };
  for (const c of CONFIGS) {
    for (const v of variants(c.members, c.valid)) {
      out.push(scenarioCase(`${c.role}-${v.name}`, `A ${c.role} config ${v.why} is input.invalid`, ['PRES-55'], script(c.role, v.value, tick)));
    }
    out.push(scenarioCase(`${c.role}-config-not-object`, `A ${c.role} config that is not an object is input.invalid`, ['PRES-55'], script(c.role, ['x'] as unknown as JsonObject, tick)));
  }
  const withGate = (gate: JsonValue): JsonObject => ({ ...VALID_CONFIG.coordinator!, gate });
  for (const v of variants(GATE, VALID_GATE)) {
    out.push(scenarioCase(`gate-${v.name}`, `A coordinator gate config ${v.why} is input.invalid`, ['PRES-55', 'PRES-75'], script('coordinator', withGate(v.value), tick)));
  }
  for (const v of variants(LIMIT, VALID_GATE.limit as JsonObject)) {
    out.push(scenarioCase(`gate-limit-${v.name}`, `A gate limit ${v.why} is input.invalid`, ['PRES-55', 'PRES-82'], script('coordinator', withGate({ ...VALID_GATE, limit: v.value }), tick)));
  }
  for (const v of variants(CODE_ENTRY, { name: 'Ann', code: 'ABC-DEF' })) {
    out.push(scenarioCase(`gate-code-entry-${v.name}`, `A gate code entry ${v.why} is input.invalid`, ['PRES-55', 'PRES-82'], script('coordinator', withGate({ ...VALID_GATE, codes: [v.value] }), tick)));
  }
  out.push(
    scenarioCase('gate-code-entry-not-object', 'A gate code entry that is not an object is input.invalid', ['PRES-55', 'PRES-82'], script('coordinator', withGate({ ...VALID_GATE, codes: ['ABC-DEF'] }), tick)),
    scenarioCase('gate-plain-require-null', 'A plain gate (no g) must say whether it is on: require null is absent', ['PRES-55', 'PRES-09'], script('coordinator', withGate({ require: null }), tick)),
    scenarioCase('room-gate-mode-unknown', 'A room config\'s gate is checked as a coordinator\'s: an unknown mode is input.invalid', ['PRES-55', 'PRES-75'], script('room', { ...VALID_CONFIG.room!, gate: { g: 'secret' } }, tick)),
  );
  return out;
}

function scriptCases(): Case[] {
  const cfg = VALID_CONFIG.coordinator!;
  const base = (over: JsonObject): JsonObject => ({ role: 'coordinator', config: cfg, start: T0, steps: [{ at: T0 + 10, event: { type: 'tick' } }], ...over });
  const c = (name: string, description: string, input: JsonObject) => scenarioCase(name, description, ['PRES-55'], input);
  return [
    c('role-missing', 'A scenario without a role is input.invalid', (({ role: _, ...r }) => r)(base({}))),
    c('role-unknown', 'A role other than coordinator, participant and room is input.invalid', base({ role: 'observer' })),
    c('role-case', 'Roles are exact: Coordinator is not coordinator', base({ role: 'Coordinator' })),
    c('role-number', 'A role that is not a string is input.invalid', base({ role: 1 })),
    c('config-missing', 'A scenario without a config is input.invalid', (({ config: _, ...r }) => r)(base({}))),
    c('start-missing', 'A scenario without a start is input.invalid', (({ start: _, ...r }) => r)(base({}))),
    c('start-string', 'A start that is not a number is input.invalid', base({ start: String(T0) })),
    c('start-boolean', 'A start that is a boolean is not a number', base({ start: true })),
    c('steps-missing', 'A scenario without steps is input.invalid', (({ steps: _, ...r }) => r)(base({}))),
    c('steps-object', 'Steps that are not an array are input.invalid', base({ steps: { at: T0, event: { type: 'tick' } } })),
    c('step-not-object', 'A step that is not an object is input.invalid', base({ steps: [5] })),
    c('step-at-missing', 'A step without at is input.invalid', base({ steps: [{ event: { type: 'tick' } }] })),
    c('step-at-string', 'A step whose at is not a number is input.invalid', base({ steps: [{ at: String(T0 + 10), event: { type: 'tick' } }] })),
    c('step-at-boolean', 'A step whose at is a boolean is input.invalid', base({ steps: [{ at: true, event: { type: 'tick' } }] })),
    c('step-event-missing', 'A step without an event is input.invalid', base({ steps: [{ at: T0 + 10 }] })),
    c('step-before-start', 'A step earlier than start is input.invalid', base({ steps: [{ at: T0 - 1, event: { type: 'tick' } }] })),
    c('bad-last-step', 'The whole script is checked before the first step: a bad last step means no output at all', base({ steps: [{ at: T0 + 10, event: { type: 'connect', conn: 'c1' } }, { at: T0 + 20, event: { type: 'connect', conn: 'c2' } }, { at: T0 + 30, event: { type: 'connect' } }] })),
  ];
}

/** presence.open, presence.step and presence.close: shape first (PRES-56), then the session. */
function sessionCases(): Case[] {
  const c = (name: string, description: string, op: string, input: JsonObject): Case => ({ name, description, covers: ['PRES-56'], op, input, flags: ['lenient-shape'], error: 'input.invalid' });
  const open = { role: 'coordinator', config: VALID_CONFIG.coordinator!, start: T0 };
  return [
    c('open-role-unknown', 'presence.open with an unknown role is input.invalid', 'presence.open', { ...open, role: 'observer' }),
    c('open-role-missing', 'presence.open without a role is input.invalid', 'presence.open', { config: open.config, start: T0 }),
    c('open-config-not-object', 'presence.open with a config that is not an object is input.invalid', 'presence.open', { ...open, config: 'standup' }),
    c('open-config-bad-member', 'presence.open checks the config as presence.scenario does', 'presence.open', { ...open, config: { ...open.config, lobby: 'yes' } }),
    c('open-start-string', 'presence.open with a start that is not a number is input.invalid', 'presence.open', { ...open, start: 'now' }),
    c('open-start-missing', 'presence.open without a start is input.invalid', 'presence.open', { role: 'coordinator', config: open.config }),
    c('step-session-number', 'presence.step with a session that is not a string is input.invalid, not an unknown session', 'presence.step', { session: 1, at: T0, event: { type: 'tick' } }),
    c('step-session-missing', 'presence.step without a session is input.invalid', 'presence.step', { at: T0, event: { type: 'tick' } }),
    c('step-at-string', 'presence.step checks its shape before the session: a string at is input.invalid even for an unknown session', 'presence.step', { session: 'no-such-session', at: 'later', event: { type: 'tick' } }),
    c('step-at-missing', 'presence.step without at is input.invalid', 'presence.step', { session: 'no-such-session', event: { type: 'tick' } }),
    c('step-event-missing', 'presence.step without an event is input.invalid', 'presence.step', { session: 'no-such-session', at: T0 }),
    c('step-event-unknown', 'presence.step checks the event before the session: an unknown type is input.invalid', 'presence.step', { session: 'no-such-session', at: T0, event: { type: 'teleport' } }),
    c('step-event-bad-member', 'presence.step checks event members before the session', 'presence.step', { session: 'no-such-session', at: T0, event: { type: 'connect', conn: '' } }),
    c('close-session-number', 'presence.close with a session that is not a string is input.invalid', 'presence.close', { session: 7 }),
    c('close-session-missing', 'presence.close without a session is input.invalid', 'presence.close', {}),
    // A well-formed request on a session never opened: the session's own code, not input.invalid.
    { name: 'step-unknown-session', description: 'presence.step on a session never opened is presence.unknown-session', covers: ['PRES-56'], op: 'presence.step', input: { session: 'no-such-session', at: T0, event: { type: 'tick' } }, flags: [], error: 'presence.unknown-session' },
    { name: 'close-unknown-session', description: 'presence.close of a session never opened is presence.unknown-session', covers: ['PRES-56'], op: 'presence.close', input: { session: 'no-such-session' }, flags: [], error: 'presence.unknown-session' },
  ];
}

export const presenceShapeVectors: FileSpec = {
  file: 'presenceshapes',
  title: 'Presence: input shapes of presence.scenario, presence.open, presence.step and presence.close (every member of the 8.8 tables)',
  profile: 'presence',
  chapters: ['spec/08-presence.md', 'spec/10-adapter-protocol.md'],
  notes: {
    'lenient-shape': { bugType: 'MISSING_STEP', description: 'A member of the wrong shape (missing, null, another JSON type, an unknown name) was accepted instead of refused as input.invalid before any step ran.' },
  },
  groups: [
    { name: 'event', description: 'Event and local-op members (8.8 Events, local ops; 8.10 agent and credit) [PRES-55]', cases: eventCases() },
    { name: 'config', description: 'Config members of each role and of the gate (8.8 Configs, 8.9, 8.10) [PRES-55]', cases: configCases() },
    { name: 'script', description: 'The scenario input itself: role, config, start, steps [PRES-55]', cases: scriptCases() },
    { name: 'session', description: 'presence.open, presence.step and presence.close check their shape first [PRES-56]', cases: sessionCases() },
  ],
};
