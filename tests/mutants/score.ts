// Runs a mutant against the suite and reports which of its required failures were caught.
import { loadRequirements } from '../../conformance/spec-index.ts';
import { allChecks, selectChecks } from '../../conformance/suite.ts';
import { runChecks } from '../../conformance/runner.ts';
import { ModuleImplementation } from '../../conformance/impl/module.ts';
import type { CheckResult } from '../../schemas/src/report.ts';

export interface MutantScore {
  name: string;
  caught: boolean;
  exitNonZero: boolean;
  missing: string[];
  failing: string[];
}

const FAILED = new Set(['fail', 'errored']);

/** `only` narrows the run to check-id prefixes (fast path for npm test); empty = the full profile. */
export async function scoreMutant(path: string, name: string, mustFail: string[], opts: { profiles: string[]; only?: string[]; runs: number; seed: number }): Promise<MutantScore> {
  const reqs = loadRequirements();
  const impl = new ModuleImplementation(path);
  await impl.start();
  const checks = selectChecks(allChecks(reqs), opts.profiles, opts.only ?? []);
  const results: CheckResult[] = await runChecks(impl, checks, reqs, { seed: opts.seed, runs: opts.runs, expectations: [], replay: (id) => id });
  await impl.stop();
  const failing = results.filter((r) => FAILED.has(r.outcome)).map((r) => r.id);
  const missing = mustFail.filter((id) => !failing.includes(id));
  return { name, caught: missing.length === 0, exitNonZero: failing.length > 0, missing, failing };
}

/** The group prefix of a check id (what --only needs to run it and its neighbours). */
export const groupOf = (id: string): string => (id.startsWith('prop.') ? id : id.split('.').slice(0, 2).join('.'));
