// Every crypto mutant, for tests/conformance/mutants.test.ts and scripts/mutants.ts.
import type { Mutant } from '../mutant.ts';

export const CRYPTO_MUTANTS = [
  'sas-high-bits', 'sas-unsorted-pair', 'sas-codepoint-sort', 'fingerprint-no-trim', 'nonce-salt-without-pipe',
  'token-signs-json-bytes', 'token-der-signature', 'token-low-s-only',
  'hostcmd-stale-off-by-one', 'hostcmd-future-exclusive', 'hostcmd-jti-not-checked', 'hostcmd-unreadable-fp-skips-binding', 'hostcmd-room-is-peer-id',
  'idtoken-alg-not-pinned', 'idtoken-binding-skipped', 'idtoken-email-verified-truthy', 'idtoken-kid-ignored', 'idtoken-max-age-with-leeway',
  'room-cut-before-trim', 'room-ascii-lowercase',
  'hostcmd-constant-jti', 'hostcmd-sign-op-before-key', 'sas-pin-on-connect', 'idtoken-absent-fp-skips-binding',
] as const;

export async function loadCryptoMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
