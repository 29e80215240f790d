// Every wire mutant, for tests/wire/mutants.test.ts: one named codec bug each.
import type { Mutant } from '../mutant.ts';

export const WIRE_MUTANTS = [
  'uint64-for-large-positive', 'undefined-member-omitted', 'sorted-keys', 'msgpack-fixstr', 'lone-surrogate-cesu', 'float32-floats',
  'pads-truncated-input', 'int64-through-double', 'chunk-threshold-inclusive', 'no-chunking', 'close-frame-delivered',
] as const;

export async function loadWireMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
