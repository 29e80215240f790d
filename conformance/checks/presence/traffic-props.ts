// Model-based properties of presence traffic (spec/08-presence.md, Security Considerations,
// "Presence traffic"): random connects, disconnects, announcements that change something or
// nothing, and beats, against a coordinator configured with `traffic: "lean"` [PRES-70] or
// `traffic: "batched"` [PRES-71], with the lobby off or on. The model keeps the roster itself
// (members in slot order) and the fan-out set, and predicts for every step which roster frames go
// to whom and whether the application hears of it. A roster frame to a connection outside the
// fan-out set is a leak [PRES-20] whatever the traffic rule.
import fc from 'fast-check';
import type { JsonObject } from '../../lib/json.ts';
import type { Implementation } from '../../impl/types.ts';
import type { Check, CheckContext, RawResult } from '../types.ts';
import { isObj, Session, Violation, type Output } from './driver.ts';
import { knockFrame, PEOPLE, ROOM, T0, token, voiceId, type Person } from './people.ts';
import { runProperty, scaledRuns } from './run-property.ts';

const BEAT = 2500;
const REAP = 12000;

type Mode = 'lean' | 'batched';
type Action =
  | { k: 'connect'; p: Person }
  | { k: 'disconnect'; p: Person }
  | { k: 'voice'; p: Person; on: boolean; cam: boolean; alias: boolean }
  | { k: 'beat' };

interface Member {
  id: string;
  name: string;
  cam: boolean;
  avatar: string;
}

class Model {
  now = T0;
  nextBeat = T0 + BEAT;
  serial = 0;
  conns = new Map<Person, string>();
  order: string[] = []; // open connections in connect order
  seen = new Map<string, number>();
  slots = new Map<string, Member>(); // connection -> member, in slot-creation order
  admitted = new Set<string>();
  admittedTokens = new Set<string>();
  constructor(readonly mode: Mode, readonly lobby: boolean) {}
  roster(): Member[] {
    return [...this.slots.values()];
  }
  inFanout(conn: string): boolean {
    return !this.lobby || this.admitted.has(conn);
  }
  fanout(): string[] {
    return this.order.filter((c) => this.inFanout(c));
  }
}

const REQ: Record<Mode, string> = { lean: 'PRES-70', batched: 'PRES-71' };

function rosterSends(outs: Output[]): { to: string[]; members: unknown }[] {
  return outs
    .filter((o) => o.type === 'send' && isObj(o.msg) && o.msg.t === 'roster')
    .map((o) => ({ to: Array.isArray(o.to) ? (o.to as string[]) : [], members: (o.msg as JsonObject).members }));
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The roster frames a step must send (recipients in order; members, the current roster unless
 * given) and whether the step reports the roster to the application.
 */
function expect(m: Model, outs: Output[], sends: (string[] | { to: string[]; members: Member[] })[], report: boolean, what: string): void {
  const got = rosterSends(outs);
  const requirement = REQ[m.mode];
  const leaked = got.flatMap((s) => s.to).filter((c) => !m.inFanout(c));
  if (leaked.length > 0) throw new Violation('PRES-20', `${what}: a roster frame went to ${leaked.join(', ')}, held by the lobby`, m.fanout(), got.map((s) => s.to));
  const want = sends.map((w) => (Array.isArray(w) ? { to: w, members: m.roster() } : w)).filter((w) => w.to.length > 0);
  if (!same(got.map((s) => s.to), want.map((w) => w.to))) throw new Violation(requirement, `${what}: roster frames went to the wrong connections`, want.map((w) => w.to), got.map((s) => s.to));
  got.forEach((s, i) => {
    if (!same(s.members, want[i]!.members)) throw new Violation('PRES-18', `${what}: the roster frame does not list the members in slot order`, want[i]!.members, s.members);
  });
  const reported = outs.some((o) => o.type === 'roster');
  if (reported !== report) {
    throw new Violation(report ? 'PRES-19' : requirement, `${what}: ${report ? 'a roster change was not reported to the application' : 'a roster that did not change was reported to the application'}`, report, reported);
  }
}

async function beat(m: Model, s: Session): Promise<void> {
  m.now = m.nextBeat;
  m.nextBeat = m.now + BEAT;
  let reaped = false;
  for (const [conn, at] of m.seen) {
    if (m.now - at > REAP) {
      m.seen.delete(conn);
      reaped = m.slots.delete(conn) || reaped;
    }
  }
  expect(m, await s.step(m.now, { type: 'tick' }), [m.fanout()], reaped, 'a beat');
}

async function apply(m: Model, s: Session, a: Action): Promise<void> {
  if (a.k === 'beat') return beat(m, s);
  m.now += 5;
  const conn = m.conns.get(a.p);
  if (a.k === 'connect') {
    if (conn) return;
    const c = `${a.p}${++m.serial}`;
    m.conns.set(a.p, c);
    m.order.push(c);
    m.seen.set(c, m.now);
    // The catch-up roster goes out only with the lobby off [PRES-20].
    expect(m, await s.step(m.now, { type: 'connect', conn: c }), [m.lobby ? [] : [c]], false, 'a connect');
    return;
  }
  if (!conn) return;
  if (a.k === 'disconnect') {
    m.conns.delete(a.p);
    m.order = m.order.filter((x) => x !== conn);
    m.seen.delete(conn);
    m.admitted.delete(conn);
    const removed = m.slots.delete(conn);
    const outs = await s.step(m.now, { type: 'disconnect', conn });
    expect(m, outs, removed && m.mode === 'lean' ? [m.fanout()] : [], removed, 'a disconnect');
    return;
  }
  m.seen.set(conn, m.now);
  const name = a.alias ? `${a.p.toUpperCase()} (guest)` : a.p.toUpperCase();
  const msg = { t: 'voice', on: a.on, cam: a.cam, name, avatar: '', voiceId: voiceId(a.p), token: token(a.p) };
  const sends: (string[] | { to: string[]; members: Member[] })[] = [];
  if (m.lobby && a.on && !m.admitted.has(conn)) {
    if (!m.admittedTokens.has(token(a.p))) {
      expect(m, await s.step(m.now, { type: 'message', conn, msg }), [], false, 'a voice held by the lobby'); // [PRES-14]
      return;
    }
    m.admitted.add(conn); // a token admitted before comes back silently: admitted, then the roster [PRES-13], [PRES-28]
    sends.push({ to: [conn], members: m.roster() });
  }
  const before = JSON.stringify(m.roster());
  if (a.on) m.slots.set(conn, { id: voiceId(a.p), name, cam: a.cam, avatar: '' });
  else m.slots.delete(conn);
  const changed = JSON.stringify(m.roster()) !== before;
  const answer = m.inFanout(conn) ? [conn] : [];
  sends.push(!changed ? answer : m.mode === 'lean' ? m.fanout() : answer);
  expect(m, await s.step(m.now, { type: 'message', conn, msg }), sends, changed, `a voice that ${changed ? 'changed the roster' : 'changed nothing'}`);
}

/** With the lobby on, a and b knock and are admitted; c and d stay outside the fan-out set. */
async function admitSome(m: Model, s: Session): Promise<void> {
  for (const p of ['a', 'b'] as const) {
    const conn = m.conns.get(p)!;
    m.now += 5;
    await s.step(m.now, { type: 'message', conn, msg: knockFrame(p) });
    m.now += 5;
    m.admitted.add(conn);
    m.admittedTokens.add(token(p));
    expect(m, await s.step(m.now, { type: 'local', op: 'admit', conn }), [[conn]], false, 'an admission');
  }
}

const person = fc.constantFrom(...PEOPLE);
const action: fc.Arbitrary<Action> = fc.oneof(
  person.map((p) => ({ k: 'connect', p }) as Action),
  person.map((p) => ({ k: 'disconnect', p }) as Action),
  // cam and name take two values each, so many announcements change nothing.
  {
    arbitrary: fc
      .record({ p: person, on: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }), cam: fc.boolean(), alias: fc.boolean() })
      .map((r) => ({ k: 'voice', ...r }) as Action),
    weight: 6,
  },
  { arbitrary: fc.constant({ k: 'beat' } as Action), weight: 2 },
);

function trafficProperty(mode: Mode): Check {
  const requirement = REQ[mode];
  return {
    id: `prop.presence.${mode}-traffic`,
    profile: 'presence',
    kind: 'property',
    covers: [requirement, 'PRES-20', 'PRES-18', 'PRES-19', 'PRES-22'],
    description:
      mode === 'lean'
        ? 'traffic "lean": an announcement that changes nothing is answered on its own connection only (never outside the fan-out set) and not reported; changes are broadcast; every beat reaches the fan-out set'
        : 'traffic "batched": an announcement is answered on its own connection only (never outside the fan-out set), changes are reported at once, and only the beat reaches the fan-out set',
    run: (impl: Implementation, ctx: CheckContext): Promise<RawResult> =>
      runProperty(
        ctx,
        scaledRuns(ctx, 2),
        fc.asyncProperty(fc.boolean(), fc.array(action, { minLength: 10, maxLength: 60 }), async (lobby, list) => {
          const m = new Model(mode, lobby);
          const s = await Session.open(impl, 'coordinator', { room: ROOM, traffic: mode, lobby }, T0);
          try {
            for (const p of PEOPLE) await apply(m, s, { k: 'connect', p });
            if (lobby) await admitSome(m, s);
            for (const a of list) await apply(m, s, a);
          } finally {
            await s.close();
          }
        }) as never,
        requirement,
      ),
  };
}

export const TRAFFIC_PROPERTIES: Check[] = [trafficProperty('lean'), trafficProperty('batched')];
