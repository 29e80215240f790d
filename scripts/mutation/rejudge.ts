// Rebuilds a mutation report without running anything: applies the current judgements
// (judged.json), and, given later runs of some of its mutants (e.g. `--survivors-of` after a new
// vector or check), takes their results in place of the earlier ones.
//
//   npx tsx scripts/mutation/rejudge.ts BASE.json [LATER.json ...] [--out DIR]
//
// The sample stays the base run's; a later run only replaces the results of mutants it ran. The
// options of every run merged are recorded under `options.merged`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Mutant } from './generate.ts';
import { buildMutationReport, markdown, type Judgement, type MutationReport } from './report.ts';

const { values: a, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'reports/mutation' } } });
const [basePath, ...laterPaths] = positionals;
if (!basePath) throw new Error('usage: rejudge.ts BASE.json [LATER.json ...] [--out DIR]');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as MutationReport;
const base = read(basePath);
const later = laterPaths.map(read);
const judged = JSON.parse(readFileSync(new URL('judged.json', import.meta.url), 'utf8')) as Record<string, Judgement>;

// Every mutant the reports describe in full (survivors, equivalents); the others are rebuilt from
// their result row (no code context is needed for a caught mutant).
const full = new Map<string, Mutant>();
for (const r of [base, ...later]) for (const m of [...r.survivors, ...r.equivalent]) full.set(m.key, m);
const results = new Map(base.results.map((r) => [r.key, r]));
for (const r of later) for (const x of r.results) if (results.has(x.key)) results.set(x.key, x);
const rows = [...results.values()];
const mutants = rows.map((r) => full.get(r.key) ?? ({ key: r.key, file: r.file, rule: r.rule, bugClass: r.bugClass } as unknown as Mutant));
const info = new Map(rows.map((r) => [r.key, r]));
const report = buildMutationReport({
  mutants,
  generated: base.mutantsGenerated,
  results: rows.map(({ profile: _p, chapter: _c, file: _f, rule: _r, bugClass: _b, ...r }) => r),
  judged,
  profileOf: (m) => info.get(m.key)!.profile,
  chapterOf: (m) => info.get(m.key)!.chapter,
  options: { ...base.options, merged: later.map((r) => r.options) },
  wallSeconds: base.wallSeconds + later.reduce((s, r) => s + r.wallSeconds, 0),
  excludedChecks: [...new Set([base, ...later].flatMap((r) => r.excludedChecks))],
});
const out = resolve(a.out!);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'python.json'), JSON.stringify(report, null, 1));
writeFileSync(join(out, 'python.md'), markdown(report));
for (const r of report.byProfile) console.log(`${r.name.padEnd(10)} ${r.caught}/${r.caught + r.survived} caught (${r.equivalent} equivalent)  ${r.score === null ? '-' : (100 * r.score).toFixed(1)}%`);
console.log(`overall ${report.overall.caught}/${report.overall.caught + report.overall.survived}; ${report.survivors.length} survivors; wrote ${out}/python.{json,md}`);
if (report.staleJudgements.length) console.log(`stale judgements: ${report.staleJudgements.join('\n')}`);
