// The interop matrix four ways: a terminal table, JSON (schemas/json/interop-report.schema.json),
// markdown, and one self-contained HTML page. Rows are cases; columns are `first>second` stack
// pairs (first coordinates); every failure lists the requirement it breaks and its transcript.
import type { InteropReport } from '../../schemas/src/interop-report.ts';
import type { InteropResult } from './run.ts';

const MARK: Record<string, string> = { pass: 'ok', fail: 'FAIL', errored: 'ERR', unsupported: 'unsup' };

export const columnOf = (r: InteropResult): string => r.stacks.join('>');

function grid(report: InteropReport): { rows: string[]; cols: string[]; cell: (row: string, col: string) => InteropResult | undefined } {
  const rows = report.cases.map((c) => c.id).filter((id) => report.results.some((r) => r.case === id));
  const cols: string[] = [];
  for (const r of report.results) if (!cols.includes(columnOf(r))) cols.push(columnOf(r));
  const at = new Map(report.results.map((r) => [`${r.case}|${columnOf(r)}`, r as InteropResult]));
  return { rows, cols, cell: (row, col) => at.get(`${row}|${col}`) };
}

const brief = (v: unknown, max = 160): string => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > max ? `${s.slice(0, max - 20)}…${s.slice(-18)}` : s;
};

function transcriptLines(r: InteropResult, max = 24): string[] {
  return (r.transcript ?? []).slice(-max).map((l) => `${String(l.at).padStart(7)} ms  ${l.peer.padEnd(18)} ${l.dir === 'in' ? '<-' : '->'} ${l.remote.slice(0, 24).padEnd(24)} ${l.chunks ? `[${l.chunks} chunks, ${l.size} B] ` : ''}${l.error ? `!! ${l.error}` : brief(l.value)}`);
}

export function verdictLine(report: InteropReport): string {
  const s = report.summary;
  const missing = report.stacks.filter((x) => x.status === 'missing').map((x) => x.name);
  return `interop: ${report.results.length} results: ${s.pass ?? 0} pass, ${s.fail ?? 0} fail, ${s.errored ?? 0} errored, ${s.unsupported ?? 0} unsupported${missing.length ? `; missing stacks: ${missing.join(', ')}` : ''} (${(report.durationMs / 1000).toFixed(1)} s)`;
}

export function renderTerminal(report: InteropReport): string {
  const { rows, cols, cell } = grid(report);
  const w0 = Math.max(4, ...rows.map((r) => r.length));
  const ws = cols.map((c) => Math.max(c.length, 5));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w0) : c.padEnd(ws[i - 1]!))).join('  ');
  const out = [line(['case', ...cols]), line(['-'.repeat(w0), ...ws.map((w) => '-'.repeat(w))])];
  for (const row of rows) out.push(line([row, ...cols.map((c) => { const r = cell(row, c); return r ? MARK[r.outcome]! : ''; })]));
  for (const s of report.stacks) if (s.status === 'missing') out.push(`missing stack ${s.name}: ${s.reason}`);
  for (const r of report.results.filter((x) => x.outcome !== 'pass')) {
    out.push('', `${MARK[r.outcome]} ${r.case} [${r.stacks.join(' > ')}]${r.requirement ? ` breaks ${r.requirement}` : ''}: ${r.message ?? ''}`);
    if (r.expected !== undefined) out.push(`  expected: ${brief(r.expected, 300)}`);
    if (r.actual !== undefined) out.push(`  actual:   ${brief(r.actual, 300)}`);
    const t = transcriptLines(r);
    if (t.length) out.push('  transcript (each peer\'s own record, decoded by the harness):', ...t.map((x) => `  ${x}`));
  }
  out.push('', verdictLine(report));
  return out.join('\n') + '\n';
}

const mdCell = (r: InteropResult | undefined) => (!r ? '' : r.outcome === 'pass' ? '✅' : r.outcome === 'fail' ? `❌ ${r.requirement ?? ''}` : r.outcome === 'errored' ? '💥' : '➖');

export function renderMarkdown(report: InteropReport): string {
  const { rows, cols, cell } = grid(report);
  const out = [`# Kibitz interop matrix`, '', `Suite ${report.suite.version}, spec ${report.spec.version}, ${report.startedAt}, broker: ${report.broker}.`, ''];
  out.push('| stack | status | implementation |', '|---|---|---|');
  for (const s of report.stacks) out.push(`| ${s.name} | ${s.status}${s.reason ? `: ${s.reason}` : ''} | ${s.implementation ? `${s.implementation.name} ${s.implementation.version} (${s.implementation.language})` : ''} |`);
  out.push('', `Columns are \`first>second\`: the first stack's peer coordinates. ${'`trio.*`'} rows run one room of three stacks.`, '');
  out.push(`| case | ${cols.map((c) => `\`${c}\``).join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
  for (const row of rows) out.push(`| \`${row}\` | ${cols.map((c) => mdCell(cell(row, c))).join(' | ')} |`);
  const bad = report.results.filter((r) => r.outcome !== 'pass');
  if (bad.length) {
    out.push('', '## Failures', '');
    for (const r of bad) {
      out.push(`### \`${r.case}\` ${r.stacks.join(' > ')}: ${r.outcome}${r.requirement ? `, breaks ${r.requirement}` : ''}`, '', r.message ?? '', '');
      const t = transcriptLines(r);
      if (t.length) out.push('```', ...t, '```', '');
    }
  }
  out.push('', verdictLine(report), '');
  if (report.verdict) out.push(`**Verdict:** ${report.verdict} (exit ${report.exitCode})`, '');
  return out.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderHtml(report: InteropReport): string {
  const { rows, cols, cell } = grid(report);
  const td = (r: InteropResult | undefined, id: string) =>
    !r ? '<td></td>' : `<td class="${r.outcome}">${r.outcome === 'fail' || r.outcome === 'errored' ? `<a href="#${id}">${esc(MARK[r.outcome]!)}${r.requirement ? `<br><small>${esc(r.requirement)}</small>` : ''}</a>` : esc(MARK[r.outcome]!)}</td>`;
  const body = rows
    .map((row) => `<tr><th>${esc(row)}</th>${cols.map((c) => td(cell(row, c), `f-${row}-${c}`.replace(/[^a-z0-9-]/gi, '_'))).join('')}</tr>`)
    .join('\n');
  const failures = report.results
    .filter((r) => r.outcome !== 'pass')
    .map(
      (r) =>
        `<section id="${`f-${r.case}-${columnOf(r)}`.replace(/[^a-z0-9-]/gi, '_')}"><h3>${esc(r.case)} — ${esc(r.stacks.join(' > '))}: ${esc(r.outcome)}${r.requirement ? ` (breaks ${esc(r.requirement)})` : ''}</h3><p>${esc(r.message ?? '')}</p>${r.expected !== undefined ? `<p>expected: <code>${esc(brief(r.expected, 400))}</code></p>` : ''}${r.actual !== undefined ? `<p>actual: <code>${esc(brief(r.actual, 400))}</code></p>` : ''}${r.transcript?.length ? `<pre>${esc(transcriptLines(r, 60).join('\n'))}</pre>` : ''}</section>`,
    )
    .join('\n');
  const stacks = report.stacks.map((s) => `<li><b>${esc(s.name)}</b>: ${esc(s.status)}${s.reason ? ` (${esc(s.reason)})` : ''} <code>${esc(s.command)}</code></li>`).join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kibitz interop matrix</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:center}th{text-align:left;font-weight:normal;font-family:monospace}
td.pass{background:#dfd}td.fail{background:#fdd}td.errored{background:#fec}td.unsupported{background:#eee}pre{background:#f6f6f6;padding:.6em;overflow:auto;font-size:12px}code{font-size:12px}</style>
<h1>Kibitz interop matrix</h1><p>Suite ${esc(report.suite.version)}, spec ${esc(report.spec.version)}, ${esc(report.startedAt)}. Broker: ${esc(report.broker)}.</p>
<ul>${stacks}</ul><p>Columns are <code>first&gt;second</code>: the first stack's peer coordinates the room.</p>
<table><tr><th>case</th>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>
${body}</table>
<p>${esc(verdictLine(report))}</p>${report.verdict ? `<p><strong>Verdict: ${esc(report.verdict)}</strong> (exit ${report.exitCode})</p>` : ''}
${failures}
</html>
`;
}
