// Every op contract, by profile. Adding a profile's ops means filling its own file; this list
// only joins them.
import { ADMISSION_OP_SCHEMAS } from './admission.ts';
import { AGENTS_OP_SCHEMAS } from './agents.ts';
import { CRYPTO_OP_SCHEMAS } from './crypto.ts';
import { DATAPLANE_OP_SCHEMAS } from './dataplane.ts';
import { PRESENCE_OP_SCHEMAS } from './presence.ts';
import { SCHEMAS_OP_SCHEMAS } from './schemas.ts';
import type { OpSchema } from './types.ts';
import { WIRE_OP_SCHEMAS } from './wire.ts';

export type { OpSchema } from './types.ts';

export const OP_SCHEMAS: readonly OpSchema[] = [
  ...CRYPTO_OP_SCHEMAS,
  ...SCHEMAS_OP_SCHEMAS,
  ...PRESENCE_OP_SCHEMAS,
  ...WIRE_OP_SCHEMAS,
  ...ADMISSION_OP_SCHEMAS,
  ...AGENTS_OP_SCHEMAS,
  ...DATAPLANE_OP_SCHEMAS,
];
