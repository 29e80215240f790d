// Regenerates vectors/*.json from the generators in vectors/gen/. Deterministic: the same
// fixtures give byte-identical files. `--check` writes nothing and exits 1 on any difference
// (npm test runs that mode through tests/vectors-fresh.test.ts).
import { buildFile } from '../vectors/gen/lib.ts';
import { VECTOR_FILES } from '../vectors/gen/index.ts';
import { staleNote, syncGenerated } from './lib/generated.ts';

export async function renderAll(only: readonly string[] = []): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const spec of VECTOR_FILES) {
    if (only.length && !only.includes(spec.file)) continue;
    const file = await buildFile(spec);
    out.set(new URL(`../vectors/${spec.file}.json`, import.meta.url).pathname, JSON.stringify(file, null, 2) + '\n');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--only <file>` (repeatable) regenerates just those files, e.g. `--only wire`.
  const check = process.argv.includes('--check');
  const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--only' ? [a] : []));
  const files = await renderAll(only);
  const total = [...files.values()].reduce((n, text) => n + (JSON.parse(text) as { numberOfTests: number }).numberOfTests, 0);
  const stale = syncGenerated(files, check);
  console.log(`${total} vectors in ${files.size} files${staleNote(stale, check)}`);
  if (check && stale) process.exit(1);
}
