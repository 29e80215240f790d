// Markdown for a CI step summary ($GITHUB_STEP_SUMMARY): verdict, table per profile, failures.
import type { Outcome, Report } from '../../schemas/src/report.ts';

const COLUMNS: Outcome[] = ['pass', 'fail', 'non-strict', 'unsupported', 'skipped', 'xfail', 'xpass', 'errored'];
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: Report): string {
  const i = report.implementation;
  const out = [
    `## Kibitz conformance: ${i.name} ${i.version} — ${report.exitCode === 0 ? '✅ conformant' : '❌ not conformant'}`,
    '',
    `Spec ${report.spec.version} · suite ${report.suite.version} · seed ${report.options.seed} · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    `| profile | ${COLUMNS.join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
    ...Object.entries(report.profiles).map(([p, c]) => `| ${p} | ${COLUMNS.map((o) => c[o]).join(' | ')} |`),
    `| **total** | ${COLUMNS.map((o) => `**${report.summary[o]}**`).join(' | ')} |`,
  ];
  const bad = report.checks.filter((c) => ['fail', 'errored', 'xpass', 'non-strict'].includes(c.outcome));
  if (bad.length) {
    out.push('', '| check | outcome | requirement | message |', '|---|---|---|---|');
    for (const c of bad) out.push(`| \`${c.id}\` | ${c.outcome} | ${c.failedRequirement ?? c.covers.join(', ')} | ${cell((c.message ?? '').slice(0, 300))} |`);
  }
  const untested = report.requirements.filter((r) => r.outcome === 'untested').map((r) => r.id);
  if (untested.length) out.push('', `Requirements not exercised by the selected profiles: ${untested.join(', ')}`);
  return out.join('\n') + '\n';
}
