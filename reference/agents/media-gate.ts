// The sender's media gate (spec/13-agents.md [CAPS-13], [CAPS-14]): for every media connection,
// what each outgoing lane carries to that peer, recomputed whenever a grant or the roster changes
// and set on a new connection before its first track. A sans-IO machine: it reports a peer's
// lanes when the connection appears and whenever they change; the transport swaps the tracks.
import type { JsonObject } from '../encoding/json.ts';
import type { Grant } from './grant.ts';
import { grantOf, lanes, LANES, type GrantView, type Lane, type LaneSend, type RosterEntry } from './policy.ts';

export type MediaGateEvent =
  | { type: 'connect'; peer: string }
  | { type: 'disconnect'; peer: string }
  | { type: 'overrides'; grants: ReadonlyMap<string, Grant> }
  | { type: 'roster'; roster: readonly RosterEntry[] }
  | { type: 'tick'; now: number };

export type MediaGateOutput = { type: 'lanes'; peer: string; lanes: Record<Lane, LaneSend> };

export class MediaGate {
  #view: GrantView;
  /** Connected peers, in the order they connected, and what each lane carries to them. */
  readonly #sent = new Map<string, Record<Lane, LaneSend>>();

  constructor(self: string, roster: readonly RosterEntry[], now: number, readonly placeholders = { audio: true, video: true }) {
    this.#view = { self, roster, overrides: new Map(), now };
  }

  /** What a lane carries to a peer now (a peer without a connection gets nothing). */
  lane(peer: string, lane: Lane): LaneSend | undefined {
    return this.#sent.get(peer)?.[lane];
  }

  step(e: MediaGateEvent): MediaGateOutput[] {
    switch (e.type) {
      case 'connect': {
        if (this.#sent.has(e.peer)) return [];
        const l = this.compute(e.peer); // before the first track goes out [CAPS-14]
        this.#sent.set(e.peer, l);
        return [{ type: 'lanes', peer: e.peer, lanes: l }];
      }
      case 'disconnect':
        this.#sent.delete(e.peer);
        return [];
      case 'overrides':
        this.#view = { ...this.#view, overrides: e.grants };
        return this.reapply();
      case 'roster':
        this.#view = { ...this.#view, roster: e.roster };
        return this.reapply();
      case 'tick':
        this.#view = { ...this.#view, now: e.now }; // an override may expire [GRANT-07]
        return this.reapply();
    }
  }

  private compute(peer: string): Record<Lane, LaneSend> {
    return lanes(grantOf(this.#view, peer), this.placeholders);
  }

  /** [CAPS-14] Every connection again; report only the peers whose lanes changed. */
  private reapply(): MediaGateOutput[] {
    const out: MediaGateOutput[] = [];
    for (const [peer, before] of this.#sent) {
      const now = this.compute(peer);
      if (LANES.some((l) => now[l] !== before[l])) {
        this.#sent.set(peer, now);
        out.push({ type: 'lanes', peer, lanes: now });
      }
    }
    return out;
  }
}

export const lanesJson = (o: MediaGateOutput): JsonObject => ({ type: o.type, peer: o.peer, lanes: o.lanes });
