// Regenerates vectors/*.json from the generators in vectors/gen/. Deterministic: the same
// fixtures give byte-identical files. `--check` writes nothing and exits 1 on any difference
// (npm test runs that mode through tests/vectors-fresh.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { buildFile } from '../vectors/gen/lib.ts';
import { VECTOR_FILES } from '../vectors/gen/index.ts';

export async function renderAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const spec of VECTOR_FILES) {
    const file = await buildFile(spec);
    out.set(new URL(`../vectors/${spec.file}.json`, import.meta.url).pathname, JSON.stringify(file, null, 2) + '\n');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  let total = 0;
  for (const [path, text] of await renderAll()) {
    total += (JSON.parse(text) as { numberOfTests: number }).numberOfTests;
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(path, text);
  }
  console.log(`${total} vectors in ${VECTOR_FILES.length} files${stale ? (check ? `, ${stale} stale` : `, ${stale} written`) : ', all up to date'}`);
  if (check && stale) process.exit(1);
}
