// Runs the dataplane profile (its vectors and its properties) against one implementation, without
// the other profiles, so these tests do not depend on chapters other helpers are still writing.
import { DATAPLANE_CHECKS } from '../../conformance/checks/dataplane/index.ts';
import type { Check } from '../../conformance/checks/types.ts';
import { loadVectorFiles, vectorChecks } from '../../conformance/checks/vectors.ts';
import type { Implementation } from '../../conformance/impl/types.ts';
import { runChecks } from '../../conformance/runner.ts';
import { loadRequirements } from '../../conformance/spec-index.ts';
import type { CheckResult } from '../../schemas/src/report.ts';

export const reqs = loadRequirements();

let cached: Check[] | undefined;
export function dataplaneChecks(): Check[] {
  cached ??= [...vectorChecks(reqs, loadVectorFiles().filter((f) => f.profile === 'dataplane')), ...DATAPLANE_CHECKS];
  return cached;
}

export async function runDataplane(impl: Implementation, seed: number, runs: number, checks = dataplaneChecks()): Promise<CheckResult[]> {
  await impl.start();
  try {
    return await runChecks(impl, checks, reqs, {
      seed,
      runs,
      expectations: [],
      replay: (id, extra) => `kibitz-conformance --impl ${impl.label} --only ${id} ${extra ?? `--seed ${seed}`}`,
    });
  } finally {
    await impl.stop();
  }
}

export const failures = (results: CheckResult[]): CheckResult[] => results.filter((r) => r.outcome === 'fail' || r.outcome === 'errored' || r.outcome === 'non-strict');
