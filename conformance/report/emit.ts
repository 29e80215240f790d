// One place that knows the reporters and where a report goes, shared by both CLIs (the adapter
// suite and the broker suite), so their output options cannot drift apart.
import { writeFileSync } from 'node:fs';
import type { Report } from '../../schemas/src/report.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './md.ts';
import { renderPretty } from './pretty.ts';
import { renderTap } from './tap.ts';

export const REPORTERS: Record<string, (r: Report) => string> = {
  pretty: renderPretty,
  tap: renderTap,
  junit: renderJunit,
  json: (r) => JSON.stringify(r, null, 2) + '\n',
  md: renderMarkdown,
};

/** To `out` if given (with a pretty summary on stdout unless quiet), else to stdout. */
export function emitReport(report: Report, reporter: string, out?: string, quiet = false): void {
  const text = REPORTERS[reporter]!(report);
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(out, text);
  if (quiet) return;
  process.stdout.write(renderPretty(report));
  console.log(`${reporter} report written to ${out}`);
}
