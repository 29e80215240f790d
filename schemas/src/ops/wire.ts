// Op contracts of the `wire` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const WIRE_OP_SCHEMAS: OpSchema[] = [];
