// Every broken presence implementation, for tests/presence/mutants.test.ts. Each is usable as
// `--impl module:tests/mutants/presence/<name>.ts`.
import type { Mutant } from '../mutant.ts';

export const PRESENCE_MUTANTS = [
  'lobby-before-kick-list', 'reap-without-freeze-guard', 'grandfathered-ids-ignored-after-migration', 'unverified-mod-enacted',
  'lock-admits-new-identity', 'kick-by-connection-only', 'replay-window-ignored', 'lobby-leaks-roster', 'reap-too-early',
  'host-kept-after-disconnect', 'migration-forgets-lobby-and-lock', 'participant-ignores-silence', 'gate-skipped', 'no-reannounce',
] as const;

export async function loadPresenceMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
