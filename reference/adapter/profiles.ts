// The conformance profiles the reference implements (spec/10-adapter-protocol.md, "start"): one op
// table per profile. A profile is declared only when its table has ops, so the reference never
// claims a profile it cannot answer.
import type { OpHandler } from './outcome.ts';
import { ADMISSION_OPS } from './admission-ops.ts';
import { AGENTS_OPS } from './agents-ops.ts';
import { CRYPTO_OPS } from './crypto-ops.ts';
import { DATAPLANE_OPS } from './dataplane-ops.ts';
import { PRESENCE_OPS } from './presence-ops.ts';
import { SCHEMA_OPS } from './schema-ops.ts';
import { WIRE_OPS } from './wire-ops.ts';

export const OP_TABLES: readonly { profile: string; ops: Record<string, OpHandler> }[] = [
  { profile: 'crypto', ops: CRYPTO_OPS },
  { profile: 'schemas', ops: SCHEMA_OPS },
  { profile: 'presence', ops: PRESENCE_OPS },
  { profile: 'wire', ops: WIRE_OPS },
  { profile: 'admission', ops: ADMISSION_OPS },
  { profile: 'agents', ops: AGENTS_OPS },
  { profile: 'dataplane', ops: DATAPLANE_OPS },
];

export const PROFILES: readonly string[] = OP_TABLES.filter((t) => Object.keys(t.ops).length > 0).map((t) => t.profile);
