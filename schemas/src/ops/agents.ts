// Op contracts of the `agents` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const AGENTS_OP_SCHEMAS: OpSchema[] = [];
