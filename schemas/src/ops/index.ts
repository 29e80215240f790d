// Every op contract, by profile. Adding a profile's ops means filling its own file; this list
// only joins them. The validators are pure: the harness calls them on what an adapter answers,
// the reference adapter on what it is asked.
import { ADMISSION_OP_SCHEMAS } from './admission.ts';
import { AGENTS_OP_SCHEMAS } from './agents.ts';
import { CRYPTO_OP_SCHEMAS } from './crypto.ts';
import { DATAPLANE_OP_SCHEMAS } from './dataplane.ts';
import { PRESENCE_OP_SCHEMAS } from './presence.ts';
import { SCHEMAS_OP_SCHEMAS } from './schemas.ts';
import type { OpSchema } from './types.ts';
import { validateInputWith, validateOutputWith, type ShapeVerdict } from './validate.ts';
import { WIRE_OP_SCHEMAS } from './wire.ts';

export type { OpSchema } from './types.ts';
export type { ShapeVerdict } from './validate.ts';
export { withoutExtensionMembers } from './validate.ts';

export const OP_SCHEMAS: readonly OpSchema[] = [
  ...CRYPTO_OP_SCHEMAS,
  ...SCHEMAS_OP_SCHEMAS,
  ...PRESENCE_OP_SCHEMAS,
  ...WIRE_OP_SCHEMAS,
  ...ADMISSION_OP_SCHEMAS,
  ...AGENTS_OP_SCHEMAS,
  ...DATAPLANE_OP_SCHEMAS,
];

const BY_OP = new Map<string, OpSchema>();
for (const s of OP_SCHEMAS) {
  if (BY_OP.has(s.op)) throw new Error(`op ${s.op} has two contracts`);
  BY_OP.set(s.op, s);
}

/** The contract of an op, or undefined for an op no profile defines. */
export const opSchema = (op: string): OpSchema | undefined => BY_OP.get(op);

/** Does `input` have the shape `op` defines (ADP-08)? Undefined when no contract defines the op. */
export function validateOpInput(op: string, input: unknown): ShapeVerdict | undefined {
  const s = BY_OP.get(op);
  return s && validateInputWith(s, input);
}

/** Does `output` hold exactly the members `op` defines, `x-` members aside (ADP-05)? */
export function validateOpOutput(op: string, output: unknown): ShapeVerdict | undefined {
  const s = BY_OP.get(op);
  return s && validateOutputWith(s, output);
}
