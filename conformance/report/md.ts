// Markdown for a CI step summary ($GITHUB_STEP_SUMMARY): verdict per profile, a table per
// profile, root causes of errored checks, failures with the requirement they break.
import type { Outcome, Report } from '../../schemas/src/report.ts';
import { showValue } from './elide.ts';

const COLUMNS: Outcome[] = ['pass', 'fail', 'non-strict', 'unsupported', 'skipped', 'xfail', 'xpass', 'errored'];
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mark = (v: string): string => (v === 'conformant' ? '✅' : v === 'partial' || v === 'conformant (modified suite)' ? '🟡' : '❌');

export function renderMarkdown(report: Report): string {
  const i = report.implementation;
  const verdict = report.verdict ?? (report.exitCode === 0 ? 'CONFORMANT' : 'NOT CONFORMANT');
  const head = report.exitCode === 0 && verdict.startsWith('CONFORMANT:') ? '✅' : report.exitCode === 0 ? '🟡' : '❌';
  const out = [
    `## Kibitz conformance: ${i.name} ${i.version} — ${head} ${verdict}`,
    '',
    `Spec ${report.spec.version} · suite ${report.suite.version}${report.suite.vectors ? ` · vectors ${report.suite.vectors.bundled ? 'bundled' : '**not bundled**'} \`${report.suite.vectors.digest.slice(7, 19)}\`` : ''} · seed ${report.options.seed} · ${(report.durationMs / 1000).toFixed(1)} s · exit ${report.exitCode}`,
    '',
  ];
  for (const v of report.verdicts ?? []) out.push(`- ${mark(v.verdict)} ${cell(v.line)}`);
  if (report.suite.modified?.length) out.push('', `**Modified suite:** ${cell(report.suite.modified.join('; '))}`);
  if (report.run?.stopped) out.push('', `**The run stopped early:** ${cell(report.run.stopped)} (${report.run.notRun} checks not run)`);
  out.push(
    '',
    `| profile | ${COLUMNS.join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
    ...Object.entries(report.profiles).map(([p, c]) => `| ${p} | ${COLUMNS.map((o) => c[o]).join(' | ')} |`),
    `| **total** | ${COLUMNS.map((o) => `**${report.summary[o]}**`).join(' | ')} |`,
  );
  const causes = report.rootCauses ?? [];
  if (causes.length) {
    out.push('', '| adapter problem (root cause) | checks | first |', '|---|---:|---|');
    for (const c of causes) out.push(`| ${cell(c.cause)} | ${c.checks} | \`${c.first}\` |`);
  }
  const bad = report.checks.filter((c) => ['fail', 'xpass', 'non-strict'].includes(c.outcome));
  if (bad.length) {
    out.push('', '| check | outcome | requirement | message | input / expected / actual |', '|---|---|---|---|---|');
    for (const c of bad) {
      const req = c.failedRequirement ? (c.link ? `[${c.failedRequirement}](${c.link})` : c.failedRequirement) : c.covers.join(', ');
      const values = [c.input !== undefined && `in: \`${cell(showValue(c.input, 120))}\``, c.expected !== undefined && `exp: \`${cell(showValue(c.expected, 120))}\``, c.actual !== undefined && `got: \`${cell(showValue(c.actual, 120))}\``].filter(Boolean).join('<br>');
      out.push(`| \`${c.id}\` | ${c.outcome} | ${req}${c.requirementText ? `: ${cell(c.requirementText)}` : ''} | ${cell((c.message ?? '').slice(0, 300))} | ${values} |`);
    }
  }
  const untested = report.requirements.filter((r) => r.outcome === 'untested');
  if (untested.length) {
    const why = new Map<string, string[]>();
    for (const r of untested) (why.get(r.why ?? 'not exercised') ?? why.set(r.why ?? 'not exercised', []).get(r.why ?? 'not exercised')!).push(r.id);
    out.push('', 'Requirements not exercised:');
    for (const [reason, ids] of why) out.push(`- ${reason}: ${ids.join(', ')}`);
  }
  return out.join('\n') + '\n';
}
