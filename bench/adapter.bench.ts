// Checks per second through each implementation path, side by side in one run: the reference in
// process, the reference over the stdio adapter protocol, and the independent Python adapter over
// stdio. Same checks (every crypto vector), same machine, same moment.
import { InProcessReference } from '../conformance/impl/in-process.ts';
import { StdioImplementation } from '../conformance/impl/stdio.ts';
import type { Implementation } from '../conformance/impl/types.ts';
import { runChecks } from '../conformance/runner.ts';
import { loadRequirements } from '../conformance/spec-index.ts';
import { allChecks, selectChecks } from '../conformance/suite.ts';

const BIN = new URL('../bin/kibitz-reference.mjs', import.meta.url).pathname;
const PY = new URL('../conformance/adapters/python/adapter.py', import.meta.url).pathname;

export async function run(): Promise<void> {
  const reqs = loadRequirements();
  const checks = selectChecks(allChecks(reqs), ['crypto'], []).filter((c) => c.kind === 'vector');
  const paths: [string, () => Implementation][] = [
    ['reference, in process', () => new InProcessReference()],
    ['reference, stdio (kibitz-reference)', () => new StdioImplementation(`node ${BIN}`)],
    ['python, stdio (kibitz-py)', () => new StdioImplementation(`/usr/bin/python3 ${PY}`)],
  ];
  const rows: [string, number, number][] = [];
  for (const [label, make] of paths) {
    const impl = make();
    await impl.start();
    await runChecks(impl, checks.slice(0, 20), reqs, { seed: 1, runs: 1, expectations: [] , replay: (id) => id }); // warm-up
    const t0 = performance.now();
    const results = await runChecks(impl, checks, reqs, { seed: 1, runs: 1, expectations: [], replay: (id) => id });
    const s = (performance.now() - t0) / 1000;
    await impl.stop();
    const passed = results.filter((r) => r.outcome === 'pass').length;
    rows.push([label, checks.length / s, passed]);
  }
  const base = rows[0]![1];
  console.log(`${checks.length} crypto vector checks per path`);
  console.log(`${'path'.padEnd(40)} ${'checks/s'.padStart(10)} ${'vs in-process'.padStart(14)} ${'passed'.padStart(8)}`);
  for (const [label, rate, passed] of rows) {
    console.log(`${label.padEnd(40)} ${rate.toFixed(0).padStart(10)} ${(rate / base).toFixed(2).padStart(13)}x ${String(passed).padStart(8)}`);
  }
}
