// Shared pieces of the dataplane vector generators (spec/14-data-plane.md): the peers, the notes
// that explain each flag, and a builder for content.receive cases.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case } from './lib.ts';

/** Media ids as upstream mints them (broker UUIDs). ADA < BOB < CAT by UTF-16 code units. */
export const ADA = '3a5f0c1e-2b7d-4c9a-8e61-5d2f7b13c0a4';
export const BOB = '7c2e9b41-6d0a-4f35-b8e2-1a94c3d5e607';
export const CAT = 'c91d4e7a-0f3b-4a62-9c85-e2b7106d3f48';

export const ROSTER = [
  { id: ADA, name: 'Ada' },
  { id: BOB, name: 'Bob' },
  { id: CAT, name: 'Cat' },
];

export const NOTES = {
  'upstream': { bugType: 'UPSTREAM_GOLDEN', description: 'Exactly what an upstream Kibitz peer sends or keeps; a receiver that disagrees shows something else than upstream peers do.' },
  'boundary': { bugType: 'BOUNDARY', description: 'Exactly at, or one past, a stated limit.' },
  'cut-then-trim': { bugType: 'WRONG_ORDER', description: 'Cutting and trimming in the other order, or not at all, keeps other text.' },
  'type-confusion': { bugType: 'MISSING_STEP', description: 'A member of the wrong JSON type must drop the frame, not be coerced.' },
  'attribution': { bugType: 'AUTH_BYPASS', description: 'Content must be attributed to the connection it arrived on, never to a name or id the frame carries.' },
  'mid-suppression': { bugType: 'AUTH_BYPASS', description: 'A foreign mid lets one peer suppress another peer\'s line; the sender prefix rule and its replay exemption decide.' },
  'unknown-kind': { bugType: 'MISSING_STEP', description: 'An unknown kind or a non-object must be dropped, never delivered.' },
  'json-length': { bugType: 'WRONG_PRIMITIVE', description: 'The bound counts UTF-16 code units of the JSON text (escapes included), not the raw string or its bytes.' },
  'hardening': { bugType: 'EDGE_CASE', description: 'A SHOULD this specification adds over upstream; an upstream-faithful receiver fails it as non-strict.' },
  'dedup': { bugType: 'REPLAY', description: 'A line or media item already held is not shown twice.' },
  'sanitize': { bugType: 'MISSING_STEP', description: 'The receiver keeps only the bounded, sanitized members the chapter lists.' },
  'merge': { bugType: 'BASIC', description: 'A CRDT merge rule; getting it wrong makes replicas diverge.' },
  'count': { bugType: 'MISSING_STEP', description: 'n must equal ceil(size / 49152); a peer cannot claim one chunk for a large payload or many for an empty one.' },
  'integrity': { bugType: 'MISSING_STEP', description: 'The payload hash, the declared size and the chunk indexes bound what a transfer delivers.' },
  'concurrency': { bugType: 'BOUNDARY', description: 'At most 4 open transfers per sender.' },
  'resume': { bugType: 'BASIC', description: 'Stall and resume: the receiver asks to re-send from what it holds.' },
  'framing': { bugType: 'ENCODING', description: 'The binary chunk header: idLen, UTF-8 id, u32 little-endian index.' },
  'negotiation': { bugType: 'INTEROP', description: 'What the peers advertise in ~kbz.f decides routes and framing.' },
  'dialler': { bugType: 'WRONG_ORDER', description: 'Exactly one side dials, the one whose media id sorts first by UTF-16 code units.' },
  'timer': { bugType: 'BOUNDARY', description: 'A timer exactly at, or 1 ms past, its stated value.' },
  'media': { bugType: 'BASIC', description: 'Perfect negotiation, the relay latch and the recovery ladder over sig.' },
  'directed': { bugType: 'AUTH_BYPASS', description: 'A directed send reaches only its recipient; withheld peers receive nothing.' },
} as const;

export type Flag = keyof typeof NOTES;

export interface Opts {
  from?: string;
  state?: JsonObject;
  flags?: Flag[];
  error?: string;
  comment?: string;
}

/** A content.receive case: `frame` from `from` (default BOB) with the roster as state. */
export function recv(name: string, description: string, covers: string[], frame: JsonValue, o: Opts = {}): Case {
  return {
    name,
    description,
    covers,
    op: 'content.receive',
    input: { from: o.from ?? BOB, frame, state: { roster: ROSTER, now: 1767225600000, ...(o.state ?? {}) } },
    flags: o.flags ?? [],
    ...(o.error ? { error: o.error } : {}),
    ...(o.comment ? { comment: o.comment } : {}),
  };
}

/** A long string of one character. */
export const repeat = (ch: string, n: number): string => ch.repeat(n);
