// `npm run mutants`: every mutant against the FULL suite of its profile, with a score table.
// (npm test runs a faster version restricted to each mutant's check groups.)
import { CRYPTO_MUTANTS, loadCryptoMutant } from '../tests/mutants/crypto/index.ts';
import { scoreMutant } from '../tests/mutants/score.ts';

const runs = Number(process.env.RUNS ?? 100);
const seed = Number(process.env.SEED ?? 42);
let caught = 0;
const rows: string[] = [];
for (const name of CRYPTO_MUTANTS) {
  const m = await loadCryptoMutant(name);
  const s = await scoreMutant(`tests/mutants/crypto/${name}.ts`, name, m.mustFail, { profiles: ['crypto'], runs, seed });
  if (s.caught && s.exitNonZero) caught++;
  rows.push(`${s.caught && s.exitNonZero ? 'caught' : 'MISSED'}  ${name.padEnd(38)} breaks ${m.breaks.padEnd(8)} ${String(s.failing.length).padStart(3)} failing checks${s.missing.length ? `; missing: ${s.missing.join(', ')}` : ''}`);
}
console.log(rows.join('\n'));
console.log(`\nmutation score: ${caught}/${CRYPTO_MUTANTS.length} crypto mutants caught (full crypto suite, seed ${seed}, ${runs} runs per property)`);
process.exit(caught === CRYPTO_MUTANTS.length ? 0 : 1);
