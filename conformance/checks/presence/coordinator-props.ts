// Model-based properties of the coordinator (spec/08-presence.md 8.2): random sequences of
// participant frames, local moderation, host commands and time, run against one coordinator
// session of the implementation. The model is deliberately small: a few sets and flags that say
// what must never be seen (a kicked id, a stranger in a locked room, an unadmitted member, a
// flag changed by a rejected command), not a second coordinator.
import fc from 'fast-check';
import type { JsonObject } from '../../lib/json.ts';
import type { Implementation } from '../../impl/types.ts';
import type { Check, CheckContext, RawResult } from '../types.ts';
import { rostersIn, Session, Violation, type Output } from './driver.ts';
import { fingerprint, FLAWS, hostCommand, hostPublic, knockFrame, PEOPLE, ROOM, T0, voiceFrame, voiceId, type Flaw, type Person } from './people.ts';
import { runProperty, scaledRuns } from './run-property.ts';

type Action =
  | { k: 'connect' | 'disconnect' | 'join' | 'off' | 'knock' | 'ping' | 'leave' | 'kick' | 'admit' | 'deny'; p: Person }
  | { k: 'lock' | 'lobby'; on: boolean }
  | { k: 'reset' }
  | { k: 'mod'; p: Person; op: 'lock' | 'unlock' | 'lobbyon' | 'lobbyoff' | 'reset' | 'kick'; target: Person; flaw: Flaw }
  | { k: 'wait'; ms: number };

type Invariant = 'kick' | 'lock' | 'lobby' | 'mod';

/** What the model knows. Nothing here decides membership; it only bounds what may be seen. */
class World {
  now = T0;
  conns = new Map<Person, string>();
  order: string[] = []; // open connections in connect order
  serial = 0;
  lobby: boolean;
  locked = false;
  kicked = new Set<string>(); // media ids
  everRostered = new Set<string>();
  lockedSnapshot: Set<string> | null = null;
  approved = new Set<Person>();
  used: string[] = []; // accepted command tokens, for replays
  constructor(
    readonly invariants: ReadonlySet<Invariant>,
    lobbyOn: boolean,
  ) {
    this.lobby = lobbyOn;
  }
}

const person = fc.constantFrom(...PEOPLE);
const basic = (k: Action['k']) => person.map((p) => ({ k, p }) as Action);

function actions(mix: Invariant): fc.Arbitrary<Action> {
  const core = [basic('connect'), basic('connect'), basic('join'), basic('join'), basic('knock'), basic('ping'), basic('disconnect'), basic('off'), basic('leave')];
  const wait = fc.integer({ min: 1, max: 3000 }).map((ms) => ({ k: 'wait', ms }) as Action);
  const toggles = (k: 'lock' | 'lobby') => fc.boolean().map((on) => ({ k, on }) as Action);
  const mod = fc.record({
    k: fc.constant('mod' as const),
    p: person,
    op: fc.constantFrom('lock', 'unlock', 'lobbyon', 'lobbyoff', 'reset', 'kick' as const),
    target: person,
    flaw: fc.constantFrom(...FLAWS),
  }) as fc.Arbitrary<Action>;
  switch (mix) {
    case 'kick':
      return fc.oneof(...core, basic('kick'), basic('kick'), toggles('lobby'), basic('admit'), wait, mod);
    case 'lock':
      return fc.oneof(...core, toggles('lock'), toggles('lock'), basic('kick'), wait);
    case 'lobby':
      return fc.oneof(...core, basic('admit'), basic('admit'), basic('deny'), toggles('lock'), wait);
    case 'mod':
      return fc.oneof(...core, mod, mod, mod, toggles('lock'), toggles('lobby'), { arbitrary: fc.constant({ k: 'reset' } as Action), weight: 1 }, wait);
  }
}

/** Checks every invariant the property enables against one batch of outputs. */
function observe(w: World, outs: Output[], allowReset: boolean): void {
  const approvedConns = new Set([...w.approved].map((p) => w.conns.get(p)).filter((c): c is string => c !== undefined));
  const approvedIds = new Set([...w.approved].map(voiceId));
  for (const r of rostersIn(outs)) {
    if (w.invariants.has('kick')) {
      const back = r.ids.find((id) => w.kicked.has(id));
      if (back) throw new Violation('PRES-06', `kicked media id ${back} is in a roster again`, { excluded: [...w.kicked] }, r.ids);
    }
    if (w.invariants.has('lock') && w.lockedSnapshot) {
      const stranger = r.ids.find((id) => !w.lockedSnapshot!.has(id));
      if (stranger) throw new Violation('PRES-08', `${stranger} was rostered while the room was locked, and was never rostered before the lock`, [...w.lockedSnapshot], r.ids);
    }
    if (w.invariants.has('lobby') && w.lobby) {
      const unadmitted = r.ids.find((id) => !approvedIds.has(id));
      if (unadmitted) throw new Violation('PRES-14', `${unadmitted} is rostered but was never admitted while the lobby is on`, [...approvedIds], r.ids);
      const leak = r.to?.find((c) => !approvedConns.has(c));
      if (leak) throw new Violation('PRES-19', `a roster went to connection ${leak}, which was never admitted`, [...approvedConns], r.to);
    }
    if (w.invariants.has('mod') && (r.lobby !== w.lobby || r.locked !== w.locked)) {
      throw new Violation('PRES-07', 'the roster flags changed without a local control or an accepted host command', { lobby: w.lobby, locked: w.locked }, { lobby: r.lobby, locked: r.locked });
    }
    for (const id of r.ids) w.everRostered.add(id);
  }
  if (w.invariants.has('mod') && !allowReset && outs.some((o) => o.type === 'reset' || (o.type === 'send' && (o.msg as JsonObject)?.t === 'reset'))) {
    throw new Violation('PRES-07', 'a reset happened without a local control or an accepted host command');
  }
}

async function apply(w: World, s: Session, a: Action): Promise<void> {
  const step = (event: JsonObject) => s.step(w.now, event);
  w.now += a.k === 'wait' ? a.ms : 10;
  const connOf = (p: Person) => w.conns.get(p);
  switch (a.k) {
    case 'connect': {
      if (connOf(a.p)) return;
      const c = `${a.p}${++w.serial}`;
      w.conns.set(a.p, c);
      w.order.push(c);
      return observe(w, await step({ type: 'connect', conn: c }), false);
    }
    case 'disconnect': {
      const c = connOf(a.p);
      if (!c) return;
      w.conns.delete(a.p);
      w.order = w.order.filter((x) => x !== c);
      return observe(w, await step({ type: 'disconnect', conn: c }), false);
    }
    case 'join':
    case 'off':
    case 'knock':
    case 'ping':
    case 'leave': {
      const c = connOf(a.p);
      if (!c) return;
      const msg = a.k === 'join' ? voiceFrame(a.p) : a.k === 'off' ? voiceFrame(a.p, false) : a.k === 'knock' ? knockFrame(a.p) : { t: a.k };
      return observe(w, await step({ type: 'message', conn: c, msg }), false);
    }
    case 'kick':
      w.kicked.add(voiceId(a.p));
      return observe(w, await step({ type: 'local', op: 'kick', id: voiceId(a.p) }), false);
    case 'admit':
    case 'deny': {
      const c = connOf(a.p);
      if (!c) return;
      if (a.k === 'admit') w.approved.add(a.p);
      return observe(w, await step({ type: 'local', op: a.k, conn: c }), false);
    }
    case 'lock':
    case 'lobby': {
      if (a.k === 'lock') setLocked(w, a.on);
      else w.lobby = a.on;
      if (a.k === 'lobby' && a.on) for (const p of w.conns.keys()) w.approved.add(p); // members stay in: bound from above
      return observe(w, await step({ type: 'local', op: a.k, on: a.on }), false);
    }
    case 'reset':
      return observe(w, await step({ type: 'local', op: 'reset' }), true);
    case 'wait':
      return observe(w, await step({ type: 'tick' }), false);
    case 'mod':
      return applyMod(w, s, a);
  }
}

function setLocked(w: World, on: boolean): void {
  w.locked = on;
  w.lockedSnapshot = on ? (w.lockedSnapshot ?? new Set(w.everRostered)) : null;
}

async function applyMod(w: World, s: Session, a: Extract<Action, { k: 'mod' }>): Promise<void> {
  const c = w.conns.get(a.p);
  if (!c || w.kicked.has(voiceId(a.p))) return; // a kicked sender's frames are answered with kick
  let flaw = a.flaw;
  const target = a.op === 'kick' ? voiceId(a.target) : undefined;
  if (flaw === 'replay' && w.used.length === 0) flaw = 'stale'; // nothing to replay yet
  const token = flaw === 'replay' ? w.used[w.used.length - 1]! : hostCommand(a.p, a.op, target, w.now, flaw);
  const outs = await s.step(w.now, { type: 'message', conn: c, msg: { t: 'mod', token } });
  const req = outs.find((o) => o.type === 'request' && o.kind === 'fingerprint');
  const rejected = flaw !== 'none';
  if (rejected) assertInert(outs, 'the frame');
  else observe(w, outs, false);
  if (!req) {
    if (!rejected) throw new Violation('PRES-07', 'an acceptable host command did not ask for the connection\'s fingerprint', { type: 'request', kind: 'fingerprint' }, outs);
    return;
  }
  const fp = flaw === 'unreadable' ? null : flaw === 'unbound' ? fingerprint(a.p === 'a' ? 'b' : 'a') : fingerprint(a.p);
  w.now += 1;
  if (!rejected) {
    // The command is accepted: the model applies it before looking at the answer.
    w.used.push(token);
    if (a.op === 'lock' || a.op === 'unlock') setLocked(w, a.op === 'lock');
    if (a.op === 'lobbyon' || a.op === 'lobbyoff') w.lobby = a.op === 'lobbyon';
    if (a.op === 'lobbyon') for (const p of w.conns.keys()) w.approved.add(p);
    if (a.op === 'kick') w.kicked.add(voiceId(a.target));
  }
  const after = await s.step(w.now, { type: 'result', id: req.id as number, value: fp });
  if (rejected) assertInert(after, 'the fingerprint answer');
  else observe(w, after, a.op === 'reset');
}

/** [PRES-07] A rejected command changes nothing, so it may only ask questions or log a drop. */
function assertInert(outs: Output[], what: string): void {
  const effect = outs.find((o) => o.type !== 'request' && o.type !== 'drop');
  if (effect) throw new Violation('PRES-07', `a command that must be rejected had an effect after ${what}`, 'only request/drop outputs', effect);
}

function coordinatorProperty(impl: Implementation, mix: Invariant, lobbyOn: boolean, maxCommands: number) {
  return fc.asyncProperty(fc.array(actions(mix), { minLength: 10, maxLength: maxCommands }), async (list) => {
    const w = new World(new Set([mix]), lobbyOn);
    const config: JsonObject = { room: ROOM, hostKey: hostPublic(), lobby: lobbyOn };
    const s = await Session.open(impl, 'coordinator', config, T0);
    try {
      // Everyone connects and half of them get in first, so the random part starts from a busy room.
      for (const p of PEOPLE) await apply(w, s, { k: 'connect', p });
      for (const p of PEOPLE.slice(0, 2)) await apply(w, s, { k: lobbyOn ? 'knock' : 'join', p }); // the others arrive later
      for (const a of list) await apply(w, s, a);
    } finally {
      await s.close();
    }
  });
}

function modelCheck(id: string, covers: string[], description: string, mix: Invariant, lobbyOn: boolean): Check {
  return {
    id,
    profile: 'presence',
    kind: 'property',
    covers,
    description,
    run: (impl: Implementation, ctx: CheckContext): Promise<RawResult> =>
      runProperty(ctx, scaledRuns(ctx, 2), coordinatorProperty(impl, mix, lobbyOn, 60) as never, covers[0]!),
  };
}

export const COORDINATOR_PROPERTIES: Check[] = [
  modelCheck('prop.presence.kick-sticks', ['PRES-06', 'PRES-30'], 'A kicked media id never appears in that coordinator\'s roster again, whatever the peer does next', 'kick', false),
  modelCheck('prop.presence.lock-seals', ['PRES-08', 'PRES-26'], 'While the room is locked no identity that was never rostered gets in', 'lock', false),
  modelCheck('prop.presence.lobby-holds', ['PRES-14', 'PRES-19', 'PRES-20', 'PRES-13'], 'With the lobby on no connection that was never admitted is rostered or sent a roster', 'lobby', true),
  modelCheck('prop.presence.only-verified-mod', ['PRES-07', 'PRES-31'], 'Only verified, cert-bound, fresh, unreplayed host commands change the lobby, the lock, the kick list or reset the room', 'mod', false),
];
