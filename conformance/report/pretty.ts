// Human-readable report: root causes first (one line per broken-adapter problem), then each failure
// with the requirement it breaks (text and link), input, expected and actual, and a replay
// command; then a table per profile, the requirement grid of the selected profiles, and the
// verdict per profile. Colour only when asked (a TTY without NO_COLOR).
import type { CheckResult, Outcome, Report } from '../../schemas/src/report.ts';
import { showValue } from './elide.ts';

const SYMBOL: Record<Outcome | 'untested', string> = {
  pass: 'ok', fail: 'FAIL', 'non-strict': 'warn', unsupported: 'unsup', skipped: 'skip', xfail: 'xfail', xpass: 'XPASS', errored: 'ERR', untested: '-',
};
const COLUMNS: Outcome[] = ['pass', 'fail', 'non-strict', 'unsupported', 'skipped', 'xfail', 'xpass', 'errored'];

export interface Paint {
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}
const plain: Paint = { red: (s) => s, green: (s) => s, yellow: (s) => s, bold: (s) => s, dim: (s) => s };
const sgr = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const ansi: Paint = { red: sgr(31), green: sgr(32), yellow: sgr(33), bold: sgr(1), dim: sgr(2) };

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or FORCE_COLOR=0. */
export function wantsColor(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR === '0') return false;
  return Boolean(stream.isTTY) || (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function failure(c: CheckResult, p: Paint): string[] {
  const out: string[] = [];
  const tag = c.outcome === 'non-strict' ? p.yellow(SYMBOL[c.outcome]) : p.red(SYMBOL[c.outcome]);
  out.push(`${tag}  ${p.bold(c.id)}  [${c.failedRequirement ?? c.covers.join(', ')}] (${c.level})`);
  out.push(`      ${c.description}`);
  if (c.requirementText) out.push(`      ${p.dim(`${c.failedRequirement}: ${c.requirementText}`)}`);
  if (c.link) out.push(`      ${p.dim(c.link)}`);
  if (c.message) out.push(`      ${c.message.split('\n').slice(0, 12).join('\n      ')}`);
  if (c.input !== undefined) out.push(`      input:    ${showValue(c.input)}`);
  if (c.expected !== undefined) out.push(`      expected: ${showValue(c.expected)}`);
  if (c.actual !== undefined) out.push(`      actual:   ${showValue(c.actual)}`);
  if (c.replay) out.push(`      replay:   ${c.replay}`);
  return out;
}

export function renderPretty(report: Report, p: Paint = plain): string {
  const out: string[] = [];
  const causes = report.rootCauses ?? [];
  if (causes.length) {
    out.push(`\n${p.red('Adapter problems')} (errored checks, grouped by root cause):`);
    for (const c of causes) out.push(`  ${p.red('ERR')}  ${c.cause}: ${c.checks} check${c.checks === 1 ? '' : 's'} (first: ${c.first})`);
    const one = report.checks.find((c) => c.outcome === 'errored' && c.message);
    if (one?.message) out.push(p.dim(`      ${one.message.split('\n').slice(0, 6).join('\n      ')}`));
  }
  const notable = report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'xpass' || c.outcome === 'non-strict');
  if (notable.length) {
    out.push(`\n${notable.length} check(s) need attention:\n`);
    for (const c of notable) out.push(...failure(c, p));
  }
  const unsupported = report.checks.filter((c) => c.outcome === 'unsupported').length;
  if (unsupported) out.push(`\n${unsupported} check(s) unsupported by the implementation: not failures, but the profile is only partial.`);
  if (report.run?.stopped) out.push(p.yellow(`\nThe run stopped early: ${report.run.stopped}; ${report.run.notRun} selected check(s) not run.`));
  if (report.run?.restarts) out.push(`The adapter was restarted ${report.run.restarts} time(s).`);
  if (report.run?.quarantined.length) out.push(`Ops not sent again after erroring 3 times in a row: ${report.run.quarantined.join(', ')}.`);

  const i = report.implementation;
  out.push(`\nImplementation: ${i.name} ${i.version} (${i.language}) via ${i.label}; declares ${i.profiles.join(', ') || 'no profile'}`);
  const vectors = report.suite.vectors ? `, vectors ${report.suite.vectors.bundled ? 'bundled' : p.yellow(`NOT bundled (${report.suite.vectors.dir ?? '?'})`)} ${report.suite.vectors.digest.slice(7, 19)}` : '';
  out.push(`Spec ${report.spec.version}, suite ${report.suite.version}${vectors}, seed ${report.options.seed}, ${report.options.runs} runs per property, ${(report.durationMs / 1000).toFixed(1)} s\n`);
  const rows = [['profile', ...COLUMNS]];
  for (const [prof, counts] of Object.entries(report.profiles)) rows.push([prof, ...COLUMNS.map((c) => String(counts[c]))]);
  rows.push(['total', ...COLUMNS.map((c) => String(report.summary[c]))]);
  out.push(table(rows));

  out.push('\nRequirements of the selected profiles (outcome over the checks that cover it, check count):');
  const cells = report.requirements.map((r) => `${r.id.padEnd(8)} ${SYMBOL[r.outcome].padEnd(5)} ${String(r.checks).padStart(3)}`);
  for (let k = 0; k < cells.length; k += 5) out.push('  ' + cells.slice(k, k + 5).join('   '));
  const why = new Map<string, string[]>();
  for (const r of report.requirements) if (r.why) (why.get(r.why) ?? why.set(r.why, []).get(r.why)!).push(r.id);
  for (const [reason, ids] of why) out.push(`  not exercised, ${reason}: ${ids.join(', ')}`);
  const mustFails = report.requirements.filter((r) => r.outcome === 'fail').length;
  out.push(`\n${report.requirements.length} requirements in scope: ${mustFails} failing at MUST level.`);

  out.push('');
  for (const v of report.verdicts ?? []) {
    const paint = v.verdict === 'conformant' ? p.green : v.verdict === 'partial' || v.verdict === 'conformant (modified suite)' ? p.yellow : p.red;
    out.push(`  ${paint(v.line)}`);
  }
  const verdict = report.verdict ?? (report.exitCode === 0 ? 'CONFORMANT' : 'NOT CONFORMANT');
  const paint = report.exitCode === 0 && verdict.startsWith('CONFORMANT:') ? p.green : report.exitCode === 0 ? p.yellow : p.red;
  out.push(p.bold(paint(`RESULT: ${verdict}`)) + ` (exit ${report.exitCode})`);
  return out.join('\n') + '\n';
}
