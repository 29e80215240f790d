// Checks per second through each implementation path, side by side in one run: the reference in
// process, the reference over the stdio adapter protocol, and the independent Python adapter over
// stdio. Same checks (every crypto vector), same machine, same moment.
import { InProcessReference } from '../conformance/impl/in-process.ts';
import { StdioImplementation } from '../conformance/impl/stdio.ts';
import type { Implementation } from '../conformance/impl/types.ts';
import { runChecks } from '../conformance/runner.ts';
import { loadRequirements } from '../conformance/spec-index.ts';
import { allChecks, selectChecks } from '../conformance/suite.ts';
import type { Check } from '../conformance/checks/types.ts';

const BIN = new URL('../bin/kibitz-reference.mjs', import.meta.url).pathname;
const PY = new URL('../implementations/python/adapter.py', import.meta.url).pathname;

async function rate(make: () => Implementation, checks: Check[], reqs: ReturnType<typeof loadRequirements>): Promise<[number, number]> {
  const impl = make();
  await impl.start();
  await runChecks(impl, checks.slice(0, 20), reqs, { seed: 1, runs: 1, expectations: [], replay: (id) => id }); // warm-up
  const t0 = performance.now();
  const results = await runChecks(impl, checks, reqs, { seed: 1, runs: 1, expectations: [], replay: (id) => id });
  const s = (performance.now() - t0) / 1000;
  await impl.stop();
  return [checks.length / s, results.filter((r) => r.outcome === 'pass').length];
}

export async function run(): Promise<void> {
  const reqs = loadRequirements();
  const all = selectChecks(allChecks(reqs), ['crypto'], []).filter((c) => c.kind === 'vector');
  // Cheap ops (string work and one SHA-256): what is left is the cost of the adapter path itself.
  const cheap = all.filter((c) => /^(room|certbinding|sas)\./.test(c.id));
  const paths: [string, () => Implementation][] = [
    ['reference, in process', () => new InProcessReference()],
    ['reference, stdio (kibitz-reference)', () => new StdioImplementation(`node ${BIN}`)],
    ['python, stdio (kibitz-py)', () => new StdioImplementation(`/usr/bin/python3 ${PY}`)],
  ];
  for (const [title, checks] of [
    [`all ${all.length} crypto vector checks (dominated by ECDSA/RSA cost: the reference uses pure-JS noble, kibitz-py OpenSSL)`, all],
    [`${cheap.length} cheap checks (room, certbinding, sas): the adapter path's own overhead`, cheap],
  ] as const) {
    console.log(title);
    console.log(`${'path'.padEnd(40)} ${'checks/s'.padStart(10)} ${'vs in-process'.padStart(14)} ${'passed'.padStart(8)}`);
    let base = 0;
    for (const [label, make] of paths) {
      const [r, passed] = await rate(make, [...checks], reqs);
      base ||= r;
      console.log(`${label.padEnd(40)} ${r.toFixed(0).padStart(10)} ${(r / base).toFixed(2).padStart(13)}x ${String(passed).padStart(8)}`);
    }
    console.log('');
  }
}
