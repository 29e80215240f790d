// Every check the harness knows, by profile. Vector checks come from vectors/*.json; property and
// scenario checks from conformance/checks/.
import { CRYPTO_PROPERTIES } from './checks/crypto-properties.ts';
import { PRESENCE_CHECKS } from './checks/presence/index.ts';
import { ADMISSION_CHECKS } from './checks/admission/index.ts';
import { AGENTS_CHECKS } from './checks/agents/index.ts';
import { DATAPLANE_CHECKS } from './checks/dataplane/index.ts';
import type { Check } from './checks/types.ts';
import { WIRE_CHECKS } from './checks/wire/index.ts';
import { vectorChecks, type VectorFileData } from './checks/vectors.ts';
import type { Requirement } from './spec-index.ts';

/** Profiles an adapter can declare, in report order. */
export const KNOWN_PROFILES = ['crypto', 'schemas', 'presence', 'wire', 'admission', 'agents', 'dataplane'] as const;

export function allChecks(reqs: Map<string, Requirement>, vectorFiles?: VectorFileData[]): Check[] {
  const checks = [
    ...vectorChecks(reqs, vectorFiles),
    ...CRYPTO_PROPERTIES,
    ...PRESENCE_CHECKS,
    ...WIRE_CHECKS,
    ...ADMISSION_CHECKS,
    ...AGENTS_CHECKS,
    ...DATAPLANE_CHECKS,
  ];
  const ids = new Set<string>();
  for (const c of checks) {
    if (ids.has(c.id)) throw new Error(`duplicate check id ${c.id}`);
    ids.add(c.id);
    for (const r of c.covers) if (!reqs.has(r)) throw new Error(`check ${c.id} covers unknown requirement ${r}`);
  }
  return checks;
}

export function selectChecks(checks: readonly Check[], profiles: readonly string[], only: readonly string[]): Check[] {
  return checks.filter(
    (c) => profiles.includes(c.profile) && (only.length === 0 || only.some((o) => c.id === o || c.id.startsWith(`${o}.`))),
  );
}
