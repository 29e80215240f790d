// TAP version 13. Failures carry a YAML block; non-strict passes carry a diagnostic line.
import type { Report } from '../../schemas/src/report.ts';

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
        lines.push(`not ok ${n} - ${name}`, '  ---', `  outcome: ${c.outcome}`, `  requirement: ${c.failedRequirement ?? c.covers.join(',')}`, `  message: ${yamlString(c.message ?? '')}`);
        if (c.expected !== undefined) lines.push(`  expected: ${yamlString(JSON.stringify(c.expected))}`);
        if (c.actual !== undefined) lines.push(`  actual: ${yamlString(JSON.stringify(c.actual))}`);
        if (c.replay) lines.push(`  replay: ${yamlString(c.replay)}`);
        lines.push('  ...');
    }
  });
  return lines.join('\n') + '\n';
}
