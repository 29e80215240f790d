// Tests the dataplane suite: every deliberately broken implementation fails the profile, a failing
// check names the rule it breaks, and the checks it lists as catching it really do fail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Implementation } from '../../conformance/impl/types.ts';
import { DATAPLANE_MUTANTS, loadDataplaneMutant } from '../mutants/dataplane/index.ts';
import { failures, reqs, runDataplane } from './suite-helpers.ts';

const SEED = 11;

for (const name of DATAPLANE_MUTANTS) {
  test(`mutant ${name} is caught, and the failure names its rule`, async () => {
    const m = await loadDataplaneMutant(name);
    assert.ok(reqs.has(m.breaks), `${name} breaks an unknown requirement ${m.breaks}`);
    const impl: Implementation = { label: `module:tests/mutants/dataplane/${name}.ts`, start: async () => m.info, stop: async () => {}, run: (op, input) => m.run(op, input) };
    const failed = failures(await runDataplane(impl, SEED, 10));
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
