// Every check the harness knows, by profile. Vector checks come from vectors/*.json; property and
// scenario checks from conformance/checks/.
import { CRYPTO_JTI_CHECKS } from './checks/crypto-jti.ts';
import { CRYPTO_PROPERTIES } from './checks/crypto-properties.ts';
import { PRESENCE_CHECKS } from './checks/presence/index.ts';
import { ADAPTER_CHECKS } from './checks/adapter/index.ts';
import { ADMISSION_CHECKS } from './checks/admission/index.ts';
import { AGENTS_CHECKS } from './checks/agents/index.ts';
import { DATAPLANE_CHECKS } from './checks/dataplane/index.ts';
import type { Check } from './checks/types.ts';
import { WIRE_CHECKS } from './checks/wire/index.ts';
import { inputShapeChecks } from './checks/input-shapes.ts';
import { loadVectorFiles, vectorChecks, type VectorFileData } from './checks/vectors.ts';
import { errorCodeRequirements, type Requirement } from './spec-index.ts';

/** Profiles an adapter can declare, in report order. */
export const KNOWN_PROFILES = ['crypto', 'schemas', 'presence', 'wire', 'admission', 'agents', 'dataplane'] as const;

/**
 * The `adapter` profile checks the adapter protocol itself over raw stdio. Every `cmd:` adapter
 * speaks it, so it is selected for them without being declared; in-process and `module:`
 * implementations have no stdio and cannot be checked against it.
 */
export const ADAPTER_PROFILE = 'adapter';

/** Every profile the harness can run, in report order. */
export const ALL_PROFILES: readonly string[] = [ADAPTER_PROFILE, ...KNOWN_PROFILES];

let errorReqs: Map<string, string[]> | null = null;

export function allChecks(reqs: Map<string, Requirement>, vectorFiles?: VectorFileData[]): Check[] {
  errorReqs ??= errorCodeRequirements();
  const files = vectorFiles ?? loadVectorFiles();
  const checks = [
    ...ADAPTER_CHECKS,
    ...vectorChecks({ errorRequirements: errorReqs }, files),
    ...inputShapeChecks(files),
    ...CRYPTO_PROPERTIES,
    ...CRYPTO_JTI_CHECKS,
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

const REQUIREMENT_ID = /^[A-Z]+-\d{2,3}$/;

/** Does one `--only` selector pick this check? A check id, a group prefix, or a requirement ID. */
export function selects(selector: string, c: Pick<Check, 'id' | 'covers'>): boolean {
  if (REQUIREMENT_ID.test(selector)) return c.covers.includes(selector);
  return c.id === selector || c.id.startsWith(`${selector}.`);
}

export function selectChecks(checks: readonly Check[], profiles: readonly string[], only: readonly string[]): Check[] {
  return checks.filter((c) => profiles.includes(c.profile) && (only.length === 0 || only.some((o) => selects(o, c))));
}

/** Selectors that pick no check of the selected profiles (a usage error: a typo must not pass). */
export function deadSelectors(checks: readonly Check[], profiles: readonly string[], only: readonly string[]): string[] {
  const pool = checks.filter((c) => profiles.includes(c.profile));
  return only.filter((o) => !pool.some((c) => selects(o, c)));
}
