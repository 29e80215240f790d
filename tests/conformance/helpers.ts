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

/** Runs the CLI's main() in this process and captures what it writes (no child process, no tsx start-up). */
export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../conformance/cli.ts');
  const out: string[] = [];
  const err: string[] = [];
  const [w, e] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  const [log, error] = [console.log, console.error];
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  console.log = (...a: unknown[]) => void out.push(`${a.join(' ')}\n`);
  console.error = (...a: unknown[]) => void err.push(`${a.join(' ')}\n`);
  try {
    return { code: await main(args), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = w;
    process.stderr.write = e;
    console.log = log;
    console.error = error;
  }
}
