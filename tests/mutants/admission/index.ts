// Every admission mutant, for tests/admission/mutants.test.ts: each is the reference with one named
// bug, and names the checks that must catch it.
import type { Mutant } from '../mutant.ts';

export const ADMISSION_MUTANTS = [
  'member-hash-trim-before-nfkc', 'member-hash-no-nfkc', 'manifest-cleartext-with-mh', 'invite-exp-inclusive', 'invite-room-unchecked',
  'manifest-mode-unpinned', 'manifest-domains-allow-list', 'seal-fixed-iterations', 'seal-passphrase-trimmed', 'joincode-first-match',
  'joincode-case-insensitive', 'ratelimit-inclusive-end', 'rostergate-empty-identity-pending', 'rostergate-receives-from-pending',
  'link-query-wins', 'link-cleartext-beside-sealed', 'link-share-keeps-control-secrets', 'idtoken-cache-ignores-cert', 'page-room-keeps-www',
] as const;

/** Mutants of the coordinator's door (chapter 8.9): judged by the presence profile's presencegates vectors. */
export const DOOR_MUTANTS = ['door-code-no-lockout', 'door-invite-ignores-manifest', 'door-names-binds-certificate'] as const;

export async function loadAdmissionMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
