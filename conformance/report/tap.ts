// TAP version 13. Failures carry a YAML block; non-strict passes carry a diagnostic line; the
// verdicts close the stream as comments.
import type { Report } from '../../schemas/src/report.ts';
import { showValue } from './elide.ts';

const yamlString = (s: string): string => JSON.stringify(s); // a JSON string is a valid YAML scalar

export function renderTap(report: Report): string {
  const lines = ['TAP version 13', `1..${report.checks.length}`];
  report.checks.forEach((c, i) => {
    const n = i + 1;
    const name = `${c.id} [${c.covers.join(',')}]`;
    switch (c.outcome) {
      case 'pass':
        lines.push(`ok ${n} - ${name}`);
        break;
      case 'non-strict':
        lines.push(`ok ${n} - ${name}`, `# non-strict (SHOULD) ${c.failedRequirement}: ${c.message ?? ''}`.split('\n')[0]!);
        break;
      case 'skipped':
      case 'unsupported':
        lines.push(`ok ${n} - ${name} # SKIP ${c.outcome}: ${(c.message ?? '').split('\n')[0]}`);
        break;
      case 'xfail':
        lines.push(`not ok ${n} - ${name} # TODO expected failure: ${c.expectation?.reason ?? ''}`);
        break;
      default:
        lines.push(`not ok ${n} - ${name}`, '  ---', `  outcome: ${c.outcome}`, `  requirement: ${c.failedRequirement ?? c.covers.join(',')}`);
        if (c.requirementText) lines.push(`  requirementText: ${yamlString(c.requirementText)}`);
        if (c.link) lines.push(`  link: ${yamlString(c.link)}`);
        if (c.cause) lines.push(`  cause: ${yamlString(c.cause)}`);
        lines.push(`  message: ${yamlString(c.message ?? '')}`);
        if (c.input !== undefined) lines.push(`  input: ${yamlString(showValue(c.input, 2000))}`);
        if (c.expected !== undefined) lines.push(`  expected: ${yamlString(showValue(c.expected, 2000))}`);
        if (c.actual !== undefined) lines.push(`  actual: ${yamlString(showValue(c.actual, 2000))}`);
        if (c.replay) lines.push(`  replay: ${yamlString(c.replay)}`);
        lines.push('  ...');
    }
  });
  for (const v of report.verdicts ?? []) lines.push(`# ${v.line}`);
  if (report.verdict) lines.push(`# RESULT: ${report.verdict} (exit ${report.exitCode})`);
  return lines.join('\n') + '\n';
}
