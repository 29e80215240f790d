// The suite can fail: every crypto mutant (one named protocol bug each) fails the checks it must.
// Fast form: each mutant runs only against the check groups it names; `npm run mutants` runs
// every mutant against the full crypto suite.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CRYPTO_MUTANTS, loadCryptoMutant } from '../mutants/crypto/index.ts';
import { groupOf, scoreMutant } from '../mutants/score.ts';

assert.ok(CRYPTO_MUTANTS.length >= 15, 'at least 15 mutants');

for (const name of CRYPTO_MUTANTS) {
  test(`mutant ${name} is caught`, async () => {
    const m = await loadCryptoMutant(name);
    const only = [...new Set(m.mustFail.map(groupOf))];
    const s = await scoreMutant(`tests/mutants/crypto/${name}.ts`, name, m.mustFail, { profiles: ['crypto'], only, runs: 60, seed: 20261121 });
    assert.ok(s.exitNonZero, `${name}: no check failed`);
    assert.equal(s.missing, [], `${name} (${m.bug}, ${m.breaks}) escaped: ${s.missing.join(', ')}`);
  });
}

test.run();
