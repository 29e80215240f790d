// Assembles the JSON report (schemas/json/report.schema.json) from graded check results.
import { OUTCOMES, type CheckResult, type Outcome, type Report } from '../../schemas/src/report.ts';
import type { ImplementationInfo } from '../impl/types.ts';
import type { Requirement } from '../spec-index.ts';

/** Worst first: a requirement's outcome is the worst outcome among the checks that cover it. */
const SEVERITY: readonly Outcome[] = ['errored', 'fail', 'xpass', 'non-strict', 'xfail', 'unsupported', 'skipped', 'pass'];

export const emptyCounts = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

export function exitCodeOf(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.outcome === 'fail' || r.outcome === 'errored' || r.outcome === 'xpass') ? 1 : 0;
}

export function buildReport(args: {
  suiteVersion: string;
  specVersion: string;
  label: string;
  info: ImplementationInfo;
  options: Report['options'];
  startedAt: Date;
  durationMs: number;
  results: CheckResult[];
  reqs: Map<string, Requirement>;
}): Report {
  const summary = emptyCounts();
  const profiles: Record<string, Record<Outcome, number>> = {};
  const byReq = new Map<string, CheckResult[]>();
  for (const r of args.results) {
    summary[r.outcome]++;
    (profiles[r.profile] ??= emptyCounts())[r.outcome]++;
    for (const c of r.covers) (byReq.get(c) ?? byReq.set(c, []).get(c)!).push(r);
  }
  const requirements = [...args.reqs.values()]
    .filter((q) => !q.retired)
    .map((q) => {
      const checks = byReq.get(q.id) ?? [];
      const worst = SEVERITY.find((o) => checks.some((c) => c.outcome === o));
      return { id: q.id, level: q.level, chapter: q.chapter, checks: checks.length, outcome: worst ?? ('untested' as const) };
    });
  return {
    $schema: 'urn:kibitz:kbz-v1:report',
    suite: { name: 'kibitz-conformance', version: args.suiteVersion },
    spec: { version: args.specVersion },
    implementation: { label: args.label, ...args.info },
    options: args.options,
    startedAt: args.startedAt.toISOString(),
    durationMs: Math.round(args.durationMs),
    exitCode: exitCodeOf(args.results),
    summary,
    profiles,
    requirements,
    checks: args.results,
  };
}
