// Tests the test suite: every deliberately broken presence implementation fails the presence
// profile, the failing checks name the rule it breaks, and the checks it lists as catching it
// really do fail. A suite that passed a mutant could not be trusted to catch the real bug.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Implementation } from '../../conformance/impl/types.ts';
import { loadPresenceMutant, PRESENCE_MUTANTS } from '../mutants/presence/index.ts';
import { failures, reqs, runPresence } from './suite-helpers.ts';

const SEED = 7;

for (const name of PRESENCE_MUTANTS) {
  test(`mutant ${name} is caught, and the failure names its rule`, async () => {
    const m = await loadPresenceMutant(name);
    assert.ok(reqs.has(m.breaks), `${name} breaks an unknown requirement ${m.breaks}`);
    const impl: Implementation = { label: `module:tests/mutants/presence/${name}.ts`, start: async () => m.info, stop: async () => {}, run: (op, input) => m.run(op, input) };
    const failed = failures(await runPresence(impl, SEED, 30));
    const hard = failed.filter((r) => r.outcome === 'fail');
    assert.ok(hard.length > 0, `${name} passed the presence suite`);
    assert.ok(
      failed.some((r) => r.failedRequirement === m.breaks || r.covers.includes(m.breaks)),
      `no failing check names ${m.breaks}: ${failed.map((r) => `${r.id}(${r.failedRequirement})`).join(' ')}`,
    );
    for (const id of m.mustFail) assert.ok(failed.some((r) => r.id === id), `${id} should fail against ${name}`);
    assert.not.ok(failed.some((r) => r.outcome === 'errored'), `errored checks: ${failed.filter((r) => r.outcome === 'errored').map((r) => `${r.id}: ${r.message}`).join('; ')}`);
    const prop = hard.find((r) => r.kind === 'property');
    if (prop) assert.match(prop.replay ?? '', /--seed -?\d+/, 'a failing property prints its replay line');
  });
}

test.run();
