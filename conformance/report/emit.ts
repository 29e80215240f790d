// One place that knows the reporters and where reports go, shared by every CLI (the adapter
// suite, the broker suite, peer mode), so their output options cannot drift apart.
// `--reporter name[:path]` is repeatable: several reports from one run. Every path is checked
// before the run starts, so an unwritable --out never costs a whole run.
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Report } from '../../schemas/src/report.ts';
import { badges, renderBadges } from './badge.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './md.ts';
import { ansi, renderPretty, wantsColor } from './pretty.ts';
import { renderTap } from './tap.ts';

export const REPORTERS: Record<string, (r: Report) => string> = {
  pretty: renderPretty,
  tap: renderTap,
  junit: renderJunit,
  json: (r) => JSON.stringify(r, null, 2) + '\n',
  md: renderMarkdown,
  html: renderHtml,
  badge: renderBadges,
};

export interface ReportTarget {
  name: string;
  /** A file (for `badge`, a directory that receives <profile>.json); absent: standard output. */
  path?: string;
}

export class ReporterError extends Error {}

/** Parses `--reporter` values (`pretty`, `junit:out.xml`) and the legacy `--out` (for the first target without a path). */
export function parseTargets(specs: readonly string[], out?: string): ReportTarget[] {
  const targets = (specs.length ? specs : ['pretty']).map((s): ReportTarget => {
    const colon = s.indexOf(':');
    const name = colon === -1 ? s : s.slice(0, colon);
    const path = colon === -1 ? undefined : s.slice(colon + 1);
    if (!REPORTERS[name]) throw new ReporterError(`unknown reporter ${JSON.stringify(name)}; known: ${Object.keys(REPORTERS).join(', ')}`);
    if (path === '') throw new ReporterError(`--reporter ${s}: empty path`);
    return path === undefined ? { name } : { name, path };
  });
  if (out !== undefined) {
    const t = targets.find((x) => x.path === undefined);
    if (!t) throw new ReporterError('--out given, but every --reporter already names its file');
    t.path = out;
  }
  if (targets.filter((t) => t.path === undefined).length > 1) throw new ReporterError('only one reporter can write to standard output; give the others a path (--reporter junit:out.xml)');
  return targets;
}

/** Throws a ReporterError naming the first target that cannot be written. */
export function checkWritable(targets: readonly ReportTarget[]): void {
  for (const t of targets) {
    if (t.path === undefined) continue;
    const p = resolve(t.path);
    const dir = t.name === 'badge' ? p : dirname(p);
    try {
      if (t.name === 'badge' && !existsSync(p)) accessSync(dirname(p), constants.W_OK);
      else if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
      else accessSync(dir, constants.W_OK);
      if (t.name !== 'badge' && existsSync(p)) {
        if (statSync(p).isDirectory()) throw new Error('it is a directory');
        accessSync(p, constants.W_OK);
      }
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the directory does not exist' : (e as Error).message;
      throw new ReporterError(`cannot write the ${t.name} report to ${t.path}: ${why}`);
    }
  }
}

/** Writes every target; when all of them go to files, a pretty summary goes to stdout unless quiet. */
export function emitAll(report: Report, targets: readonly ReportTarget[], quiet = false): void {
  for (const t of targets) {
    if (t.path === undefined) {
      process.stdout.write(t.name === 'pretty' && wantsColor(process.stdout) ? renderPretty(report, ansi) : REPORTERS[t.name]!(report));
      continue;
    }
    if (t.name === 'badge') {
      mkdirSync(t.path, { recursive: true });
      for (const [profile, b] of Object.entries(badges(report))) writeFileSync(join(t.path, `${profile}.json`), JSON.stringify(b) + '\n');
    } else writeFileSync(t.path, REPORTERS[t.name]!(report));
  }
  if (quiet || targets.some((t) => t.path === undefined)) return;
  process.stdout.write(wantsColor(process.stdout) ? renderPretty(report, ansi) : renderPretty(report));
  for (const t of targets) console.log(`${t.name} report written to ${t.path}`);
}

/** The single-reporter form the broker and peer CLIs use. */
export function emitReport(report: Report, reporter: string, out?: string, quiet = false): void {
  emitAll(report, [out === undefined ? { name: reporter } : { name: reporter, path: out }], quiet);
}
