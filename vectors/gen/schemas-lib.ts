// Helpers for the schemas vectors (spec/07-messages.md). A case states its intent: valid, or the
// exact error code *and* JSON Pointer of the fault 7.9 picks. `buildFile` checks the code against
// the reference; the pointer is checked here, and recorded in `intermediates.path` for debugging.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { resolveSchemaName } from '../../reference/messages/catalog.ts';
import { decodeWith } from '../../reference/messages/decode.ts';
import type { Case } from './lib.ts';

export const OP = 'schema.validate';
export const def = (plane: string, name: string) => `urn:kibitz:kbz-v1:${plane}#/$defs/${name}`;

/** Every valid-message vector checks the definition [MSG-01] through the op [MSG-41]. */
const VALID_COVERS = ['MSG-01', 'MSG-41'];
/** Every rejection also checks which fault is reported [MSG-39]. */
const INVALID_COVERS = ['MSG-01', 'MSG-41', 'MSG-39'];

export interface Opts {
  covers?: string[];
  flags?: string[];
  comment?: string;
  /** Replace the default covers (for SHOULD-level hardening vectors). */
  only?: boolean;
}

const uniq = (xs: string[]) => [...new Set(xs)];

export function valid(name: string, description: string, schema: string, message: JsonValue, o: Opts = {}): Case {
  return {
    name,
    description,
    op: OP,
    input: { schema, message },
    covers: o.only ? (o.covers ?? []) : uniq([...VALID_COVERS, ...(o.covers ?? [])]),
    flags: o.flags ?? [],
    ...(o.comment ? { comment: o.comment } : {}),
  };
}

export function invalid(name: string, description: string, schema: string, message: JsonValue, code: string, path: string, o: Opts = {}): Case {
  const entry = resolveSchemaName(schema);
  if (!entry) throw new Error(`${name}: unknown schema ${schema}`);
  const r = decodeWith(entry, message);
  if (r.ok) throw new Error(`${name}: meant ${code} at ${path}, the reference accepts it`);
  if (r.error.code !== code || r.error.path !== path) {
    throw new Error(`${name}: meant ${code} at "${path}", the reference says ${r.error.code} at "${r.error.path}"`);
  }
  const intermediates: JsonObject = { path };
  return {
    name,
    description,
    op: OP,
    input: { schema, message },
    covers: o.only ? (o.covers ?? []) : uniq([...INVALID_COVERS, ...(o.covers ?? [])]),
    flags: o.flags ?? [],
    error: code,
    intermediates,
    ...(o.comment ? { comment: o.comment } : {}),
  };
}

/** A copy of `m` without member `k`. */
export function without(m: JsonObject, k: string): JsonObject {
  const { [k]: _gone, ...rest } = m;
  return rest;
}

/** A copy of `m` with member `k` set to `v`. */
export const withMember = (m: JsonObject, k: string, v: JsonValue): JsonObject => ({ ...m, [k]: v });

/** Notes shared by every schemas vector group (Wycheproof-style flags). */
export const SCHEMA_NOTES = {
  'upstream-shape': { bugType: 'INTEROP', description: 'A frame exactly as upstream Kibitz (or PeerJS 1.5.5 / peer 1.0.2) puts it on the wire; rejecting it breaks interop with real peers.' },
  'binarypack-null': { bugType: 'INTEROP', description: 'Upstream leaves optional members undefined and BinaryPack turns them into nil: null must read as absent [MSG-06].' },
  'forward-compat': { bugType: 'EDGE_CASE', description: 'A member or kind this version does not define: open objects accept the member [MSG-03], unions report the kind as unknown so the receiver can ignore it [MSG-02].' },
  'missing-field': { bugType: 'MISSING_STEP', description: 'A required member is absent; a receiver that reads it anyway acts on undefined.' },
  'type-confusion': { bugType: 'MISSING_STEP', description: 'A member has the wrong JSON type; a receiver that skips the type check misreads it (a string "false" is truthy).' },
  'bad-discriminator': { bugType: 'MISSING_STEP', description: 'The discriminator is missing, not a string, or names no kind.' },
  'over-limit': { bugType: 'BOUNDARY', description: 'One character or item past a limit; exactly at the limit must still pass.' },
  'bad-value': { bugType: 'MISSING_STEP', description: 'Right JSON type, value outside the allowed set, pattern or range.' },
  'code-points': { bugType: 'ENCODING', description: 'Lengths count Unicode code points, not UTF-16 units or bytes: an astral character counts once.' },
  'strict-object': { bugType: 'MISSING_STEP', description: 'An unknown member in the strict signed payload: ignoring it would let a signer add a restriction old verifiers drop silently.' },
  'hardening-cap': { bugType: 'BOUNDARY', description: 'A SHOULD-level cap where upstream has none; exceeding it is graded non-strict.' },
  'not-object': { bugType: 'MISSING_STEP', description: 'The frame is not a JSON object at all.' },
} as const;
