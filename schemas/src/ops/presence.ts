// Op contracts of the `presence` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const PRESENCE_OP_SCHEMAS: OpSchema[] = [];
