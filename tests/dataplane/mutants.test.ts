// Tests the dataplane suite: every deliberately broken implementation fails the checks that must
// catch it, a failing check names the rule it breaks, and nothing errors. The whole profile runs
// against every mutant with `npx tsx scripts/mutants.ts` style runs; here only the groups involved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Implementation } from '../../conformance/impl/types.ts';
import { DATAPLANE_MUTANTS, loadDataplaneMutant } from '../mutants/dataplane/index.ts';
import { dataplaneChecks, failures, reqs, runDataplane } from './suite-helpers.ts';

/** The checks of the groups a mutant must fail (a vector group, or the property itself): lean, and enough to name the rule. */
const groupOf = (id: string) => (id.startsWith('prop.') ? id : id.split('.').slice(0, 2).join('.'));
const checksFor = (mustFail: string[]) => {
  const groups = new Set(mustFail.map(groupOf));
  return dataplaneChecks().filter((c) => groups.has(groupOf(c.id)));
};

const SEED = 11;

for (const name of DATAPLANE_MUTANTS) {
  test(`mutant ${name} is caught, and the failure names its rule`, async () => {
    const m = await loadDataplaneMutant(name);
    assert.ok(reqs.has(m.breaks), `${name} breaks an unknown requirement ${m.breaks}`);
    const impl: Implementation = { label: `module:tests/mutants/dataplane/${name}.ts`, start: async () => m.info, stop: async () => {}, run: (op, input) => m.run(op, input) };
    const failed = failures(await runDataplane(impl, SEED, 10, checksFor(m.mustFail)));
    const hard = failed.filter((r) => r.outcome === 'fail');
    assert.ok(hard.length > 0, `${name} passed the dataplane suite`);
    assert.ok(
      failed.some((r) => r.failedRequirement === m.breaks || r.covers.includes(m.breaks)),
      `no failing check names ${m.breaks}: ${failed.map((r) => `${r.id}(${r.failedRequirement})`).join(' ')}`,
    );
    for (const id of m.mustFail) assert.ok(failed.some((r) => r.id === id), `${id} should fail against ${name}; failing: ${failed.map((r) => r.id).join(' ')}`);
    assert.not.ok(failed.some((r) => r.outcome === 'errored'), `errored checks: ${failed.filter((r) => r.outcome === 'errored').map((r) => `${r.id}: ${r.message}`).join('; ')}`);
  });
}

test.run();
