// Op contracts of the `crypto` profile (see ./types.ts).
import type { OpSchema } from './types.ts';

export const CRYPTO_OP_SCHEMAS: OpSchema[] = [];
