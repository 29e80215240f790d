// Keeps the mechanical layer of the spec: anchors, links and generated op tables
// (scripts/lib/spec-format.ts says what exactly).
//   npx tsx scripts/spec-format.ts                    format every spec document
//   npx tsx scripts/spec-format.ts spec/12-admission.md   format only these
//   npx tsx scripts/spec-format.ts --check            write nothing; exit 1 on any lint problem
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildIndex, formatDocument, lintDocument, SPEC_DIR, specDocuments } from './lib/spec-format.ts';
import { syncGenerated } from './lib/generated.ts';

const args = process.argv.slice(2);
const check = args.includes('--check');
const named = args.filter((a) => !a.startsWith('--')).map((a) => basename(a));
const files = named.length ? named : specDocuments();
const index = buildIndex();

if (check) {
  const problems = files.flatMap((f) => lintDocument(f, readFileSync(join(SPEC_DIR, f), 'utf8'), index));
  for (const p of problems) console.error(p);
  console.log(`${files.length} spec documents, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
}
const problems: string[] = [];
const out = new Map(files.map((f) => [join(SPEC_DIR, f), formatDocument(f, readFileSync(join(SPEC_DIR, f), 'utf8'), index, problems)]));
const written = syncGenerated(out, false);
for (const p of new Set(problems)) console.error(p);
console.log(`${files.length} spec documents, ${written} rewritten, ${new Set(problems).size} problem(s) left to fix by hand`);
