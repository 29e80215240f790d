// Op contracts of the `admission` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const ADMISSION_OP_SCHEMAS: OpSchema[] = [];
