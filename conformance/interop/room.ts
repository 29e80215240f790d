// What an interop case does with its peers: seats in one fresh room, each a peer of some stack,
// driven and read through the control protocol. A failure is a CaseFailure naming the requirement.
import { randomBytes } from 'node:crypto';
import { AUTHORITY_PREFIX, roomId } from '../oracles/room.ts';
import type { JoinInput, StateOutput } from '../../schemas/src/peer-control.ts';
import { poll } from '../peer/observer/wait.ts';
import type { Stack } from './stacks.ts';

export class CaseFailure extends Error {
  constructor(
    readonly requirement: string,
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

export interface Seat {
  stack: Stack;
  /** `first`, `second` or `third`: the seat's part in the case. */
  role: string;
  peer: string;
  voiceId: string;
  fingerprint: string;
  left: boolean;
}

export interface Timeouts {
  connectMs: number;
  reactMs: number;
  migrateMs: number;
}

let rooms = 0;

/** One case's room: its names, and every seat that joined it (for transcripts and teardown). */
export class CaseRoom {
  readonly name: string;
  readonly id: string;
  readonly authority: string;
  readonly seats: Seat[] = [];

  constructor(
    tag: string,
    readonly broker: string,
    readonly t: Timeouts,
  ) {
    this.name = `Interop ${tag} ${++rooms} ${randomBytes(3).toString('hex')}`;
    this.id = roomId(this.name);
    this.authority = `${AUTHORITY_PREFIX}${this.id}`;
  }

  async join(stack: Stack, role: string, extra: Partial<JoinInput> = {}): Promise<Seat> {
    const voiceId = `${stack.name}-${role}-${randomBytes(3).toString('hex')}`;
    const j = await stack.ctl.join({ broker: this.broker, room: this.name, voiceId, name: `${role} (${stack.name})`, ...extra });
    const seat = { stack, role, peer: j.peer, voiceId, fingerprint: j.fingerprint, left: false };
    this.seats.push(seat);
    return seat;
  }

  state(s: Seat): Promise<StateOutput> {
    return s.stack.ctl.state(s.peer);
  }

  /** Polls a seat until `cond` holds; throws a CaseFailure naming `requirement` otherwise. */
  async until(s: Seat, ms: number, cond: (st: StateOutput) => boolean, requirement: string, what: string): Promise<StateOutput> {
    let last = await this.state(s);
    if (cond(last)) return last;
    const hit = await poll(ms, async () => {
      last = await this.state(s);
      return cond(last) ? last : undefined;
    }, 150);
    if (!hit) throw new CaseFailure(requirement, `${s.role} (${s.stack.name}): ${what} did not happen within ${ms} ms`, undefined, brief(last));
    return hit;
  }

  /** Waits for the seat to coordinate. */
  coordinates(s: Seat, ms = this.t.connectMs): Promise<StateOutput> {
    return this.until(s, ms, (st) => st.coordinator && st.status === 'connected', 'PRES-45', 'taking the coordinator role of a fresh room');
  }

  /** Waits for every seat to hold the same roster, listing exactly `want` (any order). */
  async converge(seats: Seat[], want: string[], ms: number, requirement = 'PRES-59'): Promise<void> {
    let got: Record<string, string[]> = {};
    const ok = await poll(ms, async () => {
      const ss = await Promise.all(seats.map((s) => this.state(s)));
      got = Object.fromEntries(seats.map((s, i) => [`${s.role} (${s.stack.name})`, ss[i]!.roster?.members.map((m) => m.id) ?? []]));
      const lists = Object.values(got);
      return lists.every((l) => l.join() === lists[0]!.join()) && [...lists[0]!].sort().join() === [...want].sort().join() && ss.every((s) => s.status === 'connected');
    }, 200);
    if (!ok) throw new CaseFailure(requirement, 'the rosters did not converge', [...want].sort(), got);
  }

  async leave(s: Seat): Promise<void> {
    s.left = true;
    await s.stack.ctl.leave(s.peer);
  }

  async teardown(): Promise<void> {
    for (const s of this.seats) if (!s.left) await s.stack.ctl.raw('peer.leave', { peer: s.peer }).catch(() => undefined);
  }
}

export function brief(s: StateOutput): unknown {
  return { status: s.status, coordinator: s.coordinator, roster: s.roster && { ids: s.roster.members.map((m) => m.id), lobby: s.roster.lobby, locked: s.roster.locked, host: s.roster.host }, lobby: s.lobby, kicked: s.kicked };
}
