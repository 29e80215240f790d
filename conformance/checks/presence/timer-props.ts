// Model-based timer property of the coordinator (spec/08-presence.md, "Timers"): random joins,
// pings and waits of 1 to 7000 ms. The model knows only the three numbers of the chapter: a beat
// every 2500 ms after the previous one, reaping past 12000 ms of silence, no reaping after a gap
// of more than 6000 ms. It predicts when pings go out and who is in the roster after each beat.
import fc from 'fast-check';
import type { Implementation } from '../../impl/types.ts';
import type { Check, CheckContext, RawResult } from '../types.ts';
import { rostersIn, Session, Violation, type Output } from './driver.ts';
import { PEOPLE, ROOM, T0, voiceFrame, voiceId, type Person } from './people.ts';
import { runProperty, scaledRuns } from './run-property.ts';

const BEAT = 2500;
const REAP = 12000;
const FREEZE = 6000;

type Action = { k: 'connect' | 'disconnect' | 'join' | 'ping'; p: Person } | { k: 'wait'; ms: number };

class Clock {
  now = T0;
  lastBeat = T0;
  nextBeat = T0 + BEAT;
  conns = new Map<Person, string>();
  order: string[] = [];
  seen = new Map<string, number>();
  members = new Set<Person>();
  serial = 0;
}

async function apply(m: Clock, s: Session, a: Action): Promise<void> {
  if (a.k !== 'wait') {
    m.now += 5;
    const c = m.conns.get(a.p);
    if (a.k === 'connect') {
      if (c) return;
      const conn = `${a.p}${++m.serial}`;
      m.conns.set(a.p, conn);
      m.order.push(conn);
      m.seen.set(conn, m.now);
      await s.step(m.now, { type: 'connect', conn });
      return;
    }
    if (!c) return;
    if (a.k === 'disconnect') {
      m.conns.delete(a.p);
      m.order = m.order.filter((x) => x !== c);
      m.seen.delete(c);
      m.members.delete(a.p);
      await s.step(m.now, { type: 'disconnect', conn: c });
      return;
    }
    m.seen.set(c, m.now);
    if (a.k === 'join') m.members.add(a.p);
    await s.step(m.now, { type: 'message', conn: c, msg: a.k === 'join' ? voiceFrame(a.p) : { t: 'ping' } });
    return;
  }
  m.now += a.ms;
  const outs = await s.step(m.now, { type: 'tick' });
  const beat = m.now >= m.nextBeat;
  const pings = outs.filter((o) => o.type === 'send' && (o.msg as { t?: string } | undefined)?.t === 'ping');
  if (!beat) {
    if (pings.length > 0 || rostersIn(outs).length > 0) throw new Violation('PRES-22', `a beat ran at +${m.now - m.lastBeat} ms, before the 2500 ms since the previous beat`, 'no output', outs);
    return;
  }
  if (m.order.length > 0 && (pings.length !== 1 || JSON.stringify(pings[0]!.to) !== JSON.stringify(m.order))) {
    throw new Violation('PRES-22', `the beat due ${m.now - m.nextBeat} ms ago did not ping every open connection once`, m.order, pings);
  }
  const frozen = m.now - m.lastBeat > FREEZE;
  m.lastBeat = m.now;
  m.nextBeat = m.now + BEAT;
  if (frozen) {
    for (const conn of m.seen.keys()) m.seen.set(conn, m.now);
  } else {
    for (const [p, conn] of m.conns) {
      const seen = m.seen.get(conn);
      if (seen !== undefined && m.now - seen > REAP) {
        m.seen.delete(conn);
        m.members.delete(p);
      }
    }
  }
  checkRoster(m, outs, frozen);
}

function checkRoster(m: Clock, outs: Output[], frozen: boolean): void {
  if (m.order.length === 0) return;
  const rosters = rostersIn(outs).filter((r) => r.to !== null);
  const last = rosters[rosters.length - 1];
  if (!last) throw new Violation('PRES-22', 'a beat did not re-send the roster', 'a roster frame', outs);
  const want = [...m.members].map(voiceId).sort();
  const got = [...last.ids].sort();
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    const requirement = frozen && got.length < want.length ? 'PRES-24' : 'PRES-23';
    throw new Violation(requirement, frozen ? 'after a frozen gap nobody may be reaped' : 'the roster after a beat is not the members silent for at most 12000 ms', want, got);
  }
}

const person = fc.constantFrom(...PEOPLE);
const action: fc.Arbitrary<Action> = fc.oneof(
  person.map((p) => ({ k: 'connect', p }) as Action),
  person.map((p) => ({ k: 'join', p }) as Action),
  { arbitrary: person.map((p) => ({ k: 'ping', p }) as Action), weight: 2 },
  person.map((p) => ({ k: 'disconnect', p }) as Action),
  { arbitrary: fc.integer({ min: 1, max: 7000 }).map((ms) => ({ k: 'wait', ms }) as Action), weight: 4 },
);

export const TIMER_PROPERTIES: Check[] = [
  {
    id: 'prop.presence.coordinator-timers',
    profile: 'presence',
    kind: 'property',
    covers: ['PRES-22', 'PRES-23', 'PRES-24'],
    description: 'Beats come 2500 ms apart, reap members silent for more than 12000 ms, and reap nobody after a gap of more than 6000 ms',
    run: (impl: Implementation, ctx: CheckContext): Promise<RawResult> =>
      runProperty(
        ctx,
        scaledRuns(ctx, 2),
        fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 80 }), async (list) => {
          const m = new Clock();
          const s = await Session.open(impl, 'coordinator', { room: ROOM }, T0);
          try {
            for (const p of PEOPLE) await apply(m, s, { k: 'connect', p });
            for (const p of PEOPLE) await apply(m, s, { k: 'join', p });
            for (const a of list) await apply(m, s, a);
          } finally {
            await s.close();
          }
        }) as never,
        'PRES-22',
      ),
  },
];
