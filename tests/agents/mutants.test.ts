// The agents suite can fail: every agents mutant (one named bug each) fails the checks it lists,
// and a failing check names the requirement the mutant breaks. Each mutant runs only against the
// check groups it names, so the test stays fast.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { AGENTS_MUTANTS, loadAgentsMutant } from '../mutants/agents/index.ts';
import { groupOf, scoreMutant } from '../mutants/score.ts';

const reqs = loadRequirements();
assert.ok(AGENTS_MUTANTS.length >= 8, 'at least 8 agents mutants');

for (const name of AGENTS_MUTANTS) {
  test(`mutant ${name} is caught`, async () => {
    const m = await loadAgentsMutant(name);
    assert.ok(reqs.has(m.breaks), `${name} breaks an unknown requirement ${m.breaks}`);
    const only = [...new Set(m.mustFail.map(groupOf))];
    const s = await scoreMutant(`tests/mutants/agents/${name}.ts`, name, m.mustFail, { profiles: ['agents'], only, runs: 60, seed: 20261121 });
    assert.ok(s.exitNonZero, `${name}: no check failed`);
    assert.equal(s.missing, [], `${name} (${m.bug}, ${m.breaks}) escaped: ${s.missing.join(', ')}`);
  });
}

test.run();
