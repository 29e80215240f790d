// A static HTML report: one file, no scripts, no fonts, no network. Verdicts, root causes,
// failures with their requirement, the requirement grid, and every check in a table.
import type { Outcome, Report } from '../../schemas/src/report.ts';
import { showValue } from './elide.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLOUR: Record<Outcome | 'untested', string> = {
  pass: '#2e7d32', fail: '#c62828', 'non-strict': '#ef6c00', unsupported: '#757575', skipped: '#757575', xfail: '#6a1b9a', xpass: '#c62828', errored: '#ad1457', untested: '#bdbdbd',
};
const verdictColour = (v: string): string => (v === 'conformant' ? '#2e7d32' : v === 'partial' || v === 'conformant (modified suite)' ? '#ef6c00' : '#c62828');

export function renderHtml(report: Report): string {
  const i = report.implementation;
  const h: string[] = [];
  h.push('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  h.push(`<title>Kibitz conformance: ${esc(i.name)} ${esc(i.version)}</title>`);
  h.push('<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}code,pre{font:12px ui-monospace,monospace}pre{white-space:pre-wrap;margin:0}.o{color:#fff;border-radius:3px;padding:0 5px}.grid td{font:12px ui-monospace,monospace}h1{font-size:1.4em}</style>');
  h.push('</head><body>');
  h.push(`<h1>Kibitz conformance: ${esc(i.name)} ${esc(i.version)} <small>(${esc(i.language)}, ${esc(i.label)})</small></h1>`);
  h.push(`<p><strong>${esc(report.verdict ?? '')}</strong> — exit ${report.exitCode}</p>`);
  h.push('<ul>');
  for (const v of report.verdicts ?? []) h.push(`<li><span class="o" style="background:${verdictColour(v.verdict)}">${esc(v.verdict)}</span> ${esc(v.line)}</li>`);
  h.push('</ul>');
  h.push(`<p>Spec ${esc(report.spec.version)} · suite ${esc(report.suite.version)}${report.suite.vectors ? ` · vectors ${report.suite.vectors.bundled ? 'bundled' : '<strong>not bundled</strong>'} <code>${esc(report.suite.vectors.digest)}</code>` : ''} · seed ${report.options.seed} · ${(report.durationMs / 1000).toFixed(1)} s · started ${esc(report.startedAt)}</p>`);
  if (report.suite.modified?.length) h.push(`<p><strong>Modified suite:</strong> ${esc(report.suite.modified.join('; '))}</p>`);
  if (report.run?.stopped) h.push(`<p><strong>The run stopped early:</strong> ${esc(report.run.stopped)} (${report.run.notRun} checks not run)</p>`);
  if (report.rootCauses?.length) {
    h.push('<h2>Adapter problems</h2><table><tr><th>root cause</th><th>checks</th><th>first</th></tr>');
    for (const c of report.rootCauses) h.push(`<tr><td>${esc(c.cause)}</td><td>${c.checks}</td><td><code>${esc(c.first)}</code></td></tr>`);
    h.push('</table>');
  }
  const bad = report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'xpass' || c.outcome === 'non-strict');
  if (bad.length) {
    h.push('<h2>Failures</h2><table><tr><th>check</th><th>requirement</th><th>details</th></tr>');
    for (const c of bad) {
      const req = c.failedRequirement ?? c.covers.join(', ');
      const details = [c.message, c.input !== undefined && `input:    ${showValue(c.input)}`, c.expected !== undefined && `expected: ${showValue(c.expected)}`, c.actual !== undefined && `actual:   ${showValue(c.actual)}`, c.replay && `replay:   ${c.replay}`].filter(Boolean).join('\n');
      h.push(`<tr><td><span class="o" style="background:${COLOUR[c.outcome]}">${c.outcome}</span> <code>${esc(c.id)}</code><br>${esc(c.description)}</td><td><strong>${esc(req)}</strong> (${c.level})${c.link ? `<br><code>${esc(c.link)}</code>` : ''}${c.requirementText ? `<br>${esc(c.requirementText)}` : ''}</td><td><pre>${esc(details)}</pre></td></tr>`);
    }
    h.push('</table>');
  }
  h.push('<h2>Requirements</h2><table class="grid"><tr><th>requirement</th><th>level</th><th>outcome</th><th>checks</th><th>why not exercised</th></tr>');
  for (const r of report.requirements) h.push(`<tr><td>${esc(r.id)}</td><td>${esc(r.level)}</td><td><span class="o" style="background:${COLOUR[r.outcome]}">${r.outcome}</span></td><td>${r.checks}</td><td>${esc(r.why ?? '')}</td></tr>`);
  h.push('</table>');
  h.push('<h2>Checks</h2><table class="grid"><tr><th>check</th><th>profile</th><th>outcome</th><th>covers</th><th>ms</th></tr>');
  for (const c of report.checks) h.push(`<tr><td>${esc(c.id)}</td><td>${esc(c.profile)}</td><td><span class="o" style="background:${COLOUR[c.outcome]}">${c.outcome}</span></td><td>${esc(c.covers.join(', '))}</td><td>${c.durationMs}</td></tr>`);
  h.push('</table></body></html>');
  return h.join('\n') + '\n';
}
