// Prints the survivors of a mutation report with their code in context, for judging them:
//   npx tsx scripts/mutation/show.ts reports/mutation/python.json [--file SUBSTR] [--rule NAME] [--all]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MutationReport } from './report.ts';

const { values: a, positionals } = parseArgs({ allowPositionals: true, options: { file: { type: 'string' }, rule: { type: 'string' }, all: { type: 'boolean' } } });
const report = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as MutationReport;
const list = a.all ? [...report.survivors, ...report.equivalent] : report.survivors;
for (const m of list) {
  if (a.file && !m.file.includes(a.file)) continue;
  if (a.rule && m.rule !== a.rule) continue;
  console.log(`\n=== ${m.key}\n    ${m.description}  [${m.rule}/${m.bugClass}]`);
  m.context.lines.forEach((text, i) => {
    const l = m.context.from + i;
    console.log(`${l >= m.line && l <= m.endLine ? '>' : ' '}${String(l).padStart(5)}  ${text}`);
  });
  console.log(`    - ${m.original.replace(/\n/g, '\n      ')}\n    + ${m.replacement.replace(/\n/g, '\n      ')}`);
}
