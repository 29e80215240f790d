// Shared helpers for the harness's own tests.
import type { CheckResult } from '../../schemas/src/report.ts';
import { StdioImplementation, type StdioOptions } from '../../conformance/impl/stdio.ts';
import type { Implementation } from '../../conformance/impl/types.ts';
import { runChecks } from '../../conformance/runner.ts';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { allChecks, selectChecks } from '../../conformance/suite.ts';
import type { Expectation } from '../../conformance/expectations.ts';

export const REQS = loadRequirements();
export const ALL_CHECKS = allChecks(REQS);
const FAKE = new URL('./fixtures/fake-adapter.mjs', import.meta.url).pathname;

export const fake = (mode: string, opts: StdioOptions = {}) => new StdioImplementation(`node ${FAKE} ${mode}`, { timeoutMs: 1500, ...opts });

export async function run(impl: Implementation, only: string[], expectations: Expectation[] = [], profiles = ['crypto']): Promise<CheckResult[]> {
  await impl.start();
  try {
    return await runChecks(impl, selectChecks(ALL_CHECKS, profiles, only), REQS, { seed: 7, runs: 10, expectations, replay: (id) => `replay ${id}` });
  } finally {
    await impl.stop();
  }
}
