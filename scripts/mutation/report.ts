// The mutation report: every mutant's result, the judgements of equivalent survivors, and the
// score per profile, per chapter and per rule, as JSON and as markdown.
//
// score = caught / (caught + survivors not judged equivalent). A mutant judged equivalent that the
// suite catches anyway is reported: its judgement is wrong or stale.
import type { Mutant } from './generate.ts';
import type { MutantResult } from './run.ts';

export interface Judgement {
  verdict: 'equivalent';
  reason: string;
}

export interface Row {
  name: string;
  total: number;
  caught: number;
  equivalent: number;
  survived: number;
  score: number | null;
}

export interface MutationReport {
  generatedAt: string;
  implementation: string;
  options: Record<string, unknown>;
  mutantsGenerated: number;
  mutantsRun: number;
  /** Checks the pristine implementation does not pass: they judge no mutant. */
  excludedChecks: string[];
  wallSeconds: number;
  overall: Row;
  byProfile: Row[];
  byChapter: Row[];
  byRule: Row[];
  byFile: Row[];
  caughtBy: Record<string, number>;
  survivors: (Mutant & { profile: string; chapter: string })[];
  equivalent: (Mutant & { profile: string; reason: string })[];
  staleJudgements: string[];
  results: (MutantResult & { profile: string; chapter: string; file: string; rule: string; bugClass: string })[];
}

export function row(name: string, rs: readonly { status: string; key: string }[], judged: Record<string, Judgement>): Row {
  const caught = rs.filter((r) => r.status === 'caught').length;
  const equivalent = rs.filter((r) => r.status === 'survived' && judged[r.key]).length;
  const survived = rs.filter((r) => r.status === 'survived' && !judged[r.key]).length;
  const denom = caught + survived;
  return { name, total: rs.length, caught, equivalent, survived, score: denom ? caught / denom : null };
}

function groupRows<T extends { status: string; key: string }>(items: readonly T[], by: (t: T) => string, judged: Record<string, Judgement>): Row[] {
  const groups = new Map<string, T[]>();
  for (const it of items) groups.set(by(it), [...(groups.get(by(it)) ?? []), it]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, v]) => row(k, v, judged));
}

export function buildMutationReport(args: {
  mutants: Mutant[];
  generated: number;
  results: MutantResult[];
  judged: Record<string, Judgement>;
  profileOf: (m: Mutant) => string;
  chapterOf: (m: Mutant) => string;
  options: Record<string, unknown>;
  wallSeconds: number;
  excludedChecks: string[];
}): MutationReport {
  const byKey = new Map(args.mutants.map((m) => [m.key, m]));
  const results = args.results.map((r) => {
    const m = byKey.get(r.key)!;
    return { ...r, profile: args.profileOf(m), chapter: args.chapterOf(m), file: m.file, rule: m.rule, bugClass: m.bugClass };
  });
  const caughtBy: Record<string, number> = {};
  for (const r of results) if (r.status === 'caught') caughtBy[`${r.by}${r.pass === 2 ? ' (confirm pass)' : ''}`] = (caughtBy[`${r.by}${r.pass === 2 ? ' (confirm pass)' : ''}`] ?? 0) + 1;
  const survivors = results.filter((r) => r.status === 'survived');
  return {
    generatedAt: new Date().toISOString(),
    implementation: 'kibitz-py (implementations/python)',
    options: args.options,
    mutantsGenerated: args.generated,
    mutantsRun: results.length,
    excludedChecks: args.excludedChecks,
    wallSeconds: Math.round(args.wallSeconds),
    overall: row('overall', results, args.judged),
    byProfile: groupRows(results, (r) => r.profile, args.judged),
    byChapter: groupRows(results, (r) => r.chapter, args.judged),
    byRule: groupRows(results, (r) => r.rule, args.judged),
    byFile: groupRows(results, (r) => r.file, args.judged),
    caughtBy,
    survivors: survivors.filter((r) => !args.judged[r.key]).map((r) => ({ ...byKey.get(r.key)!, profile: r.profile, chapter: r.chapter })),
    equivalent: survivors.filter((r) => args.judged[r.key]).map((r) => ({ ...byKey.get(r.key)!, profile: r.profile, reason: args.judged[r.key]!.reason })),
    staleJudgements: results.filter((r) => r.status === 'caught' && args.judged[r.key]).map((r) => r.key),
    results,
  };
}

const pct = (s: number | null): string => (s === null ? '–' : `${(Math.floor(s * 1000) / 10).toFixed(1)}%`);

function table(title: string, rows: readonly Row[]): string {
  const head = `| ${title} | mutants | caught | equivalent | survived | score |\n|---|---:|---:|---:|---:|---:|\n`;
  return head + rows.map((r) => `| ${r.name} | ${r.total} | ${r.caught} | ${r.equivalent} | ${r.survived} | ${pct(r.score)} |`).join('\n') + '\n';
}

const code = (s: string): string => '`' + s.replace(/\s+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|').slice(0, 70) + '`';

export function markdown(r: MutationReport): string {
  const o = r.overall;
  const lines = [
    '# Mutation score of the conformance suite against kibitz-py',
    '',
    `${r.mutantsRun} of ${r.mutantsGenerated} generated mutants run (${JSON.stringify(r.options)}), ${r.wallSeconds} s wall time.`,
    `Score = caught / (caught + survivors not judged equivalent): **${pct(o.score)}** (${o.caught} caught, ${o.survived} survived, ${o.equivalent} equivalent).`,
    '',
    table('profile', r.byProfile),
    table('chapter', r.byChapter),
    table('rule', r.byRule),
    ...(r.excludedChecks.length ? [`Checks left out because the pristine kibitz-py does not pass them: ${r.excludedChecks.join(', ')}.`, ''] : []),
    'Caught by: ' + Object.entries(r.caughtBy).map(([k, v]) => `${k} ${v}`).join(', ') + '.',
    '',
    `## Survivors (${r.survivors.length})`,
    '',
    ...(r.survivors.length ? ['| profile | file:line | rule | change | key |', '|---|---|---|---|---|', ...r.survivors.map((m) => `| ${m.profile} | ${m.file}:${m.line} | ${m.rule} | ${code(m.original)} → ${code(m.replacement)} | ${code(m.key)} |`)] : ['None.']),
    '',
    `## Judged equivalent (${r.equivalent.length})`,
    '',
    ...(r.equivalent.length ? ['| file:line | change | why no observable change |', '|---|---|---|', ...r.equivalent.map((m) => `| ${m.file}:${m.line} | ${code(m.original)} → ${code(m.replacement)} | ${m.reason.replace(/\|/g, '\\|')} |`)] : ['None.']),
    '',
    ...(r.staleJudgements.length ? [`## Stale judgements (${r.staleJudgements.length}): judged equivalent, but caught`, '', ...r.staleJudgements.map((k) => `- ${code(k)}`), ''] : []),
    table('file', r.byFile),
  ];
  return lines.join('\n');
}
