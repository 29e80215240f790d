// Op contracts of the `dataplane` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const DATAPLANE_OP_SCHEMAS: OpSchema[] = [];
