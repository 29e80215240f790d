// Assembles the JSON report (schemas/json/report.schema.json) from graded check results: the
// verdict per profile, root causes of errored checks, and the requirement grid of the selected
// profiles in numeric order, each requirement with its outcome or why it was not exercised.
import { OUTCOMES, type CheckResult, type Outcome, type ProfileVerdict, type Report } from '../../schemas/src/report.ts';
import type { Check } from '../checks/types.ts';
import type { ImplementationInfo } from '../impl/types.ts';
import type { Requirement } from '../spec-index.ts';
import type { SuiteIdentity } from '../suite-digest.ts';
import { exitCodeOfVerdicts, overallLine, profileVerdict } from '../verdict.ts';

/** Worst first: a requirement's outcome is the worst outcome among the checks that cover it. */
const SEVERITY: readonly Outcome[] = ['errored', 'fail', 'xpass', 'non-strict', 'xfail', 'unsupported', 'skipped', 'pass'];

export const emptyCounts = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

/** The old rule, kept for suites that report without verdicts: 1 on any fail, errored or xpass. */
export function exitCodeOf(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.outcome === 'fail' || r.outcome === 'errored' || r.outcome === 'xpass') ? 1 : 0;
}

/** Chapter order, then prefix, then number: CONV-02 before CONV-17, whatever the prose order. */
export function numericOrder(reqs: readonly Requirement[]): Requirement[] {
  const key = (r: Requirement) => {
    const m = /^([A-Z]+)-(\d+)$/.exec(r.id)!;
    return { chapter: r.chapter, prefix: m[1]!, n: Number(m[2]) };
  };
  return [...reqs].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x.chapter.localeCompare(y.chapter) || x.prefix.localeCompare(y.prefix) || x.n - y.n;
  });
}

export interface BuildArgs {
  suiteVersion: string;
  specVersion: string;
  label: string;
  info: ImplementationInfo;
  options: Report['options'];
  startedAt: Date;
  durationMs: number;
  results: CheckResult[];
  reqs: Map<string, Requirement>;
  /** Every check of the selected profiles in the suite (selected or not): the verdicts' denominator. */
  suiteChecks?: readonly Pick<Check, 'id' | 'profile' | 'covers'>[];
  /** Selected checks the run did not reach. */
  notRun?: readonly Pick<Check, 'id' | 'profile' | 'covers'>[];
  /** Why they were not run, for the grid (default: the run stopped early). */
  notRunWhy?: string;
  /** Profiles the implementation declares (a selected profile it does not declare is `not implemented`). */
  declared?: readonly string[];
  identity?: SuiteIdentity;
  allowPartial?: boolean;
  stopped?: string;
  restarts?: number;
  quarantined?: string[];
}

function rootCauses(results: readonly CheckResult[]): NonNullable<Report['rootCauses']> {
  const by = new Map<string, { cause: string; checks: number; first: string }>();
  for (const r of results) {
    if (r.outcome !== 'errored') continue;
    const cause = r.cause ?? 'the check errored';
    const e = by.get(cause);
    if (e) e.checks++;
    else by.set(cause, { cause, checks: 1, first: r.id });
  }
  return [...by.values()].sort((a, b) => b.checks - a.checks);
}

export function buildReport(args: BuildArgs): Report {
  const summary = emptyCounts();
  const profiles: Record<string, Record<Outcome, number>> = {};
  for (const p of args.options.profiles) profiles[p] = emptyCounts();
  const byReq = new Map<string, CheckResult[]>();
  for (const r of args.results) {
    summary[r.outcome]++;
    (profiles[r.profile] ??= emptyCounts())[r.outcome]++;
    for (const c of r.covers) (byReq.get(c) ?? byReq.set(c, []).get(c)!).push(r);
  }
  const modified = args.identity?.modified ?? [];
  const notRun = args.notRun ?? [];
  const declared = args.declared ?? args.options.profiles;
  const suiteChecks = args.suiteChecks ?? args.results;
  const verdicts: ProfileVerdict[] = args.options.profiles.map((p) =>
    profileVerdict({
      profile: p,
      declared: declared.includes(p),
      total: suiteChecks.filter((c) => c.profile === p).length,
      results: args.results.filter((r) => r.profile === p),
      notRun: notRun.filter((c) => c.profile === p).length,
      modified,
    }),
  );

  // The grid: requirements the selected profiles' checks cover (all requirements for suites that
  // pass no check list), in numeric order, with the reason when none of their checks ran.
  const inScope = new Set(args.suiteChecks ? args.suiteChecks.flatMap((c) => c.covers) : [...args.reqs.keys()]);
  const notRunIds = new Set(notRun.map((c) => c.id));
  const grid = numericOrder([...args.reqs.values()].filter((q) => !q.retired && inScope.has(q.id))).map((q) => {
    const checks = byReq.get(q.id) ?? [];
    // A failure is charged to one requirement: the check's other requirements are not failed by it.
    const telling = checks.filter((c) => !((c.outcome === 'fail' || c.outcome === 'non-strict' || c.outcome === 'xfail') && c.failedRequirement && c.failedRequirement !== q.id));
    const worst = SEVERITY.find((o) => telling.some((c) => c.outcome === o));
    const row: Report['requirements'][number] = { id: q.id, level: q.level, chapter: q.chapter, checks: checks.length, outcome: worst ?? 'untested' };
    if (!worst || worst === 'unsupported' || worst === 'skipped') {
      const covering = suiteChecks.filter((c) => c.covers.includes(q.id));
      const undeclared = [...new Set(covering.map((c) => c.profile))].filter((p) => !declared.includes(p));
      row.why =
        worst === 'unsupported' ? 'the implementation answered unsupported'
        : worst === 'skipped' ? 'skipped by the expectations file'
        : undeclared.length && undeclared.length === new Set(covering.map((c) => c.profile)).size ? `profile ${undeclared.join(', ')} not implemented`
        : covering.some((c) => notRunIds.has(c.id)) ? `not run: ${args.notRunWhy ?? 'the run stopped early'}`
        : covering.length ? 'not selected (--only)'
        : 'no check in the selected profiles';
    }
    return row;
  });

  const exitCode = args.suiteChecks ? exitCodeOfVerdicts(verdicts, args.allowPartial ?? false) : exitCodeOf(args.results);
  const identity = args.identity;
  return {
    $schema: 'urn:kibitz:kbz-v1:report',
    suite: {
      name: 'kibitz-conformance',
      version: args.suiteVersion,
      ...(identity ? { ...(identity.vectors ? { vectors: identity.vectors } : {}), checks: identity.checks, modified: identity.modified } : {}),
    },
    spec: { version: args.specVersion },
    implementation: { label: args.label, ...args.info },
    options: args.options,
    startedAt: args.startedAt.toISOString(),
    durationMs: Math.round(args.durationMs),
    exitCode,
    verdict: overallLine(verdicts, modified),
    verdicts,
    run: { ...(args.stopped ? { stopped: args.stopped } : {}), notRun: notRun.length, restarts: args.restarts ?? 0, quarantined: args.quarantined ?? [] },
    rootCauses: rootCauses(args.results),
    summary,
    profiles,
    requirements: grid,
    checks: args.results,
  };
}
