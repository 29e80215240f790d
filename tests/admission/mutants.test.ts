// The admission checks can fail: every admission mutant (one named bug each) fails the checks it
// lists, and at least one failing check names the requirement it breaks. Fast form: each mutant runs
// only against the check groups it names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { ADMISSION_MUTANTS, DOOR_MUTANTS, loadAdmissionMutant } from '../mutants/admission/index.ts';
import { groupOf, scoreMutant } from '../mutants/score.ts';

const reqs = loadRequirements();
assert.ok(ADMISSION_MUTANTS.length >= 10, 'at least 10 admission mutants');

const ALL = [...ADMISSION_MUTANTS.map((n) => [n, 'admission'] as const), ...DOOR_MUTANTS.map((n) => [n, 'presence'] as const)];
for (const [name, profile] of ALL) {
  test(`mutant ${name} is caught`, async () => {
    const m = await loadAdmissionMutant(name);
    assert.ok(reqs.has(m.breaks), `${name} breaks an unknown requirement ${m.breaks}`);
    const only = [...new Set(m.mustFail.map(groupOf))];
    const s = await scoreMutant(`tests/mutants/admission/${name}.ts`, name, m.mustFail, { profiles: [profile], only, runs: 40, seed: 20261212 });
    assert.ok(s.exitNonZero, `${name}: no check failed`);
    assert.equal(s.missing, [], `${name} (${m.bug}, ${m.breaks}) escaped: ${s.missing.join(', ')}`);
  });
}

test.run();
