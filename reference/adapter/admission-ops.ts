// The reference's ops of the `admission` profile (spec/10-adapter-protocol.md 10.4). Empty until the
// profile is implemented; the reference declares a profile only when its table has ops.
import type { OpHandler } from './outcome.ts';

export const ADMISSION_OPS: Record<string, OpHandler> = {};
