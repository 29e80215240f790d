// What a content receiver knows when a frame arrives (spec/14-data-plane.md 14.6): the time, the
// roster (for names), the public mids it already holds, the schemas and widgets it has
// discovered, its ledger, what its transfer sink can take, and the capability hook.
import type { JsonObject } from '../../encoding/json.ts';
import { EVERYONE_ACTS, type ActPolicy } from '../policy.ts';

export type Sink = 'memory' | 'disk';

export interface ReceiverState {
  /** Receive time, ms (the ts of a public line that carries none). */
  now: number;
  /** The fallback-mid counter: the last sequence number this receiver minted [CONT-11]. */
  recvSeq: number;
  /** Roster names by media id. */
  roster: Map<string, string>;
  /** Public mids held, and whether each was accepted under the replay exemption [CONT-12]. */
  held: Map<string, { replayed: boolean }>;
  /** Discovered schemas, `{from, name}` in insertion order [CONT-22]. */
  schemas: { from: string; name: string }[];
  /** Widgets held, by id, with the author each was attributed to [CONT-24]. */
  widgets: Map<string, string>;
  /** The receiver's replica of each ledger lane. */
  ledgers: { ledger: JsonObject; chatledger: JsonObject };
  /** What the receiver streams an ordinary transfer into [XFER-04]. */
  sink: Sink;
  /** Chapter 13's act check [CONT-05]. */
  policy: ActPolicy;
}

export function emptyState(overrides: Partial<ReceiverState> = {}): ReceiverState {
  return {
    now: 0,
    recvSeq: 0,
    roster: new Map(),
    held: new Map(),
    schemas: [],
    widgets: new Map(),
    ledgers: { ledger: {}, chatledger: {} },
    sink: 'memory',
    policy: EVERYONE_ACTS,
    ...overrides,
  };
}

/** The display name of the sender: its roster name, or `Guest` when it has none [CONT-02]. */
export const senderName = (s: ReceiverState, id: string): string => s.roster.get(id) || 'Guest';
