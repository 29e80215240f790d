// Op contracts of the `schemas` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const SCHEMAS_OP_SCHEMAS: OpSchema[] = [];
