// Every broken dataplane implementation, for tests/dataplane/mutants.test.ts. Each is usable as
// `--impl module:tests/mutants/dataplane/<name>.ts`.
import type { Mutant } from '../mutant.ts';

export const DATAPLANE_MUTANTS = [
  'trusts-from', 'no-chat-bound', 'accepts-unknown-kinds', 'no-hash-check', 'wrong-dialler', 'foreign-mid-kept',
  'no-concurrency-cap', 'n-not-checked', 'duplicate-chunk-accepted', 'bulk-without-cap', 'control-delivered',
  'app-raw-length', 'chunk-frame-big-endian', 'no-drop-grace', 'hold-after-bye', 'no-redial', 'directed-broadcast',
  'caps-egress-strict', 'directed-chat-needs-read-chat',
] as const;

export async function loadDataplaneMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
