// Human-readable report: failures with expected vs actual and a replay command, then a table per
// profile and a grid per requirement.
import type { Outcome, Report } from '../../schemas/src/report.ts';

const SYMBOL: Record<Outcome | 'untested', string> = {
  pass: 'ok', fail: 'FAIL', 'non-strict': 'warn', unsupported: 'unsup', skipped: 'skip', xfail: 'xfail', xpass: 'XPASS', errored: 'ERR', untested: '-',
};
const COLUMNS: Outcome[] = ['pass', 'fail', 'non-strict', 'unsupported', 'skipped', 'xfail', 'xpass', 'errored'];

const short = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 400 ? `${s.slice(0, 400)}…` : s;
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function renderPretty(report: Report): string {
  const out: string[] = [];
  const notable = report.checks.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skipped' && c.outcome !== 'unsupported' && c.outcome !== 'xfail');
  if (notable.length) {
    out.push(`\n${notable.length} check(s) need attention:\n`);
    for (const c of notable) {
      out.push(`${SYMBOL[c.outcome]}  ${c.id}  [${c.failedRequirement ?? c.covers.join(', ')}] (${c.level})`);
      out.push(`      ${c.description}`);
      if (c.message) out.push(`      ${c.message.split('\n').join('\n      ')}`);
      if (c.expected !== undefined) out.push(`      expected: ${short(c.expected)}`);
      if (c.actual !== undefined) out.push(`      actual:   ${short(c.actual)}`);
      if (c.replay) out.push(`      replay:   ${c.replay}`);
    }
  }
  const unsupported = report.checks.filter((c) => c.outcome === 'unsupported').length;
  if (unsupported) out.push(`\n${unsupported} check(s) unsupported by the implementation (not failures).`);

  out.push(`\nImplementation: ${report.implementation.name} ${report.implementation.version} (${report.implementation.language}) via ${report.implementation.label}`);
  out.push(`Spec ${report.spec.version}, suite ${report.suite.version}, seed ${report.options.seed}, ${report.options.runs} runs per property, ${(report.durationMs / 1000).toFixed(1)} s\n`);
  const rows = [['profile', ...COLUMNS]];
  for (const [p, counts] of Object.entries(report.profiles)) rows.push([p, ...COLUMNS.map((c) => String(counts[c]))]);
  rows.push(['total', ...COLUMNS.map((c) => String(report.summary[c]))]);
  out.push(table(rows));

  out.push('\nRequirements (outcome over the checks that cover it, check count):');
  const cells = report.requirements.map((r) => `${r.id.padEnd(8)} ${SYMBOL[r.outcome].padEnd(5)} ${String(r.checks).padStart(3)}`);
  for (let i = 0; i < cells.length; i += 5) out.push('  ' + cells.slice(i, i + 5).join('   '));
  const untested = report.requirements.filter((r) => r.outcome === 'untested').length;
  const mustFails = report.requirements.filter((r) => r.outcome === 'fail').length;
  out.push(`\n${report.requirements.length} requirements: ${mustFails} failing at MUST level, ${untested} not exercised by the selected profiles.`);
  if (!('broker' in report.profiles) && report.requirements.some((r) => r.outcome === 'untested' && r.id.startsWith('SIG-'))) {
    out.push('(SIG-* are checked against a broker by `kibitz-conformance broker --url ...`; spec/traceability.md lists every covering test.)');
  }
  out.push(report.exitCode === 0 ? 'RESULT: conformant for the selected profiles (no MUST-level failure).' : 'RESULT: NOT conformant (see above).');
  return out.join('\n') + '\n';
}
