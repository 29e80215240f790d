// The wire suite can fail: every wire mutant (one named codec bug each) fails the checks it must.
// Each mutant runs only against the check groups it names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadWireMutant, WIRE_MUTANTS } from '../mutants/wire/index.ts';
import { groupOf, scoreMutant } from '../mutants/score.ts';

assert.ok(WIRE_MUTANTS.length >= 5, 'at least 5 mutants');

for (const name of WIRE_MUTANTS) {
  test(`wire mutant ${name} is caught`, async () => {
    const m = await loadWireMutant(name);
    const only = [...new Set(m.mustFail.map(groupOf))];
    const s = await scoreMutant(`tests/mutants/wire/${name}.ts`, name, m.mustFail, { profiles: ['wire'], only, runs: 60, seed: 20261127 });
    assert.ok(s.exitNonZero, `${name}: no check failed`);
    assert.equal(s.missing, [], `${name} (${m.bug}, ${m.breaks}) escaped: ${s.missing.join(', ')}`);
  });
}

test.run();
