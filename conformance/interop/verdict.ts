// The verdict of an interop run by the adapter suite's rule (spec/10-adapter-protocol.md, ADP-14,
// ADP-15, ADP-50), as a pure function of what ran: each cell (a case for some stacks, id
// `<case>.<first>><second>`) is one check of the profile `interop`. The suite is every case for
// every ordered pair of the requested stacks, and the trio cases: a missing stack's cells are not
// run (partial), a narrower --case or --pair is partial, a failure or an errored cell is not
// conformant, a run in which no stack started is not implemented.
import type { CheckResult, Report } from '../../schemas/src/report.ts';
import type { RawResult } from '../checks/types.ts';
import { expectationFor, type Expectation } from '../expectations.ts';
import { buildReport } from '../report/build.ts';
import { checkLevel, grade } from '../runner.ts';
import { oneLine, requirementLink, type Requirement } from '../spec-index.ts';
import type { SuiteIdentity } from '../suite-digest.ts';
import type { InteropCase } from './cases.ts';
import { cellId, plan, type InteropResult, type Job } from './run.ts';
import type { Stack } from './stacks.ts';

export const INTEROP_PROFILE = 'interop';

function rawOf(r: InteropResult): RawResult {
  if (r.outcome === 'pass') return { status: 'pass' };
  if (r.outcome === 'fail') {
    return { status: 'fail', requirement: r.requirement ?? r.covers[0]!, message: r.message ?? 'failed', ...(r.expected !== undefined ? { expected: r.expected } : {}), ...(r.actual !== undefined ? { actual: r.actual } : {}) };
  }
  return { status: r.outcome, message: r.message ?? r.outcome };
}

const expectationField = (e: Expectation | undefined) => (e ? { expectation: { expect: e.expect, reason: e.reason, ...(e.issue ? { issue: e.issue } : {}) } } : {});

/** One cell of the matrix as a graded check result (the report model every reporter reads). */
export function cellResult(r: InteropResult, c: InteropCase, reqs: Map<string, Requirement>, expectations: readonly Expectation[], replay: (id: string) => string): CheckResult {
  const id = cellId(r.case, r.stacks.map((name) => ({ name })));
  const level = checkLevel(c.covers, reqs);
  const expectation = expectationFor(id, expectations);
  const raw = rawOf(r);
  const result: CheckResult = {
    id,
    profile: INTEROP_PROFILE,
    kind: 'scenario',
    covers: c.covers,
    level,
    outcome: grade(raw, level, reqs, expectation),
    description: `${c.description} (${r.stacks.join(' > ')})`,
    durationMs: r.durationMs,
    ...expectationField(expectation),
  };
  if (r.message) result.message = r.message;
  if (raw.status === 'fail') {
    result.failedRequirement = raw.requirement;
    const q = reqs.get(raw.requirement);
    if (q) {
      result.requirementText = oneLine(q);
      result.link = requirementLink(q);
    }
    if (raw.expected !== undefined) result.expected = raw.expected;
    if (raw.actual !== undefined) result.actual = raw.actual;
  }
  if (raw.status === 'errored') result.cause = `the case errored: ${(r.message ?? '').split('\n')[0]!.slice(0, 160)}`;
  if (raw.status !== 'pass') result.replay = replay(id);
  if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
  return result;
}

export interface MatrixRun {
  /** Every stack of the run, started or missing, in order. */
  stacks: readonly string[];
  /** The stacks whose programs started. */
  started: readonly string[];
  /** Every case of the suite, and the ones selected (--case). */
  allCases: readonly InteropCase[];
  cases: readonly InteropCase[];
  pairs?: string[];
  results: readonly InteropResult[];
  expectations: readonly Expectation[];
  reqs: Map<string, Requirement>;
  allowPartial: boolean;
  /** Exit 0 when the only cells that did not run belong to missing stacks (and all others passed). */
  allowMissing: boolean;
  replay: (id: string) => string;
  identity: SuiteIdentity;
  base: Omit<Parameters<typeof buildReport>[0], 'results' | 'reqs' | 'suiteChecks' | 'notRun' | 'declared' | 'identity' | 'allowPartial' | 'options'> & { options: Omit<Report['options'], 'profiles'> };
}

const named = (names: readonly string[]): Stack[] => names.map((name) => ({ name }) as Stack);

/** The jobs a run executes from `started` stacks: the selection, less the cells the expectations skip. */
export function runnableJobs(o: Pick<MatrixRun, 'started' | 'cases' | 'pairs' | 'expectations'>, stacks?: Stack[]): { run: Job[]; skipped: Job[] } {
  const jobs = plan({ stacks: stacks ?? named(o.started), cases: [...o.cases], ...(o.pairs ? { pairs: o.pairs } : {}) });
  const skip = (j: Job) => expectationFor(cellId(j.c.id, j.stacks), o.expectations)?.expect === 'skip';
  return { run: jobs.filter((j) => !skip(j)), skipped: jobs.filter(skip) };
}

/** The JSON report (schemas/json/report.schema.json) of an interop run, with its verdict and exit status. */
export function interopReport(o: MatrixRun): Report {
  const missing = o.stacks.filter((s) => !o.started.includes(s));
  const caseOf = new Map(o.allCases.map((c) => [c.id, c]));
  const graded = o.results.map((r) => cellResult(r, caseOf.get(r.case)!, o.reqs, o.expectations, o.replay));
  for (const j of runnableJobs(o).skipped) {
    const id = cellId(j.c.id, j.stacks);
    const e = expectationFor(id, o.expectations)!;
    graded.push({ id, profile: INTEROP_PROFILE, kind: 'scenario', covers: j.c.covers, level: checkLevel(j.c.covers, o.reqs), outcome: 'skipped', description: j.c.description, durationMs: 0, message: e.reason, ...expectationField(e) });
  }
  // The suite's cells: every case for the requested stacks, plus the trio the started stacks
  // actually formed when a missing stack changed it.
  const cells = new Map<string, { id: string; profile: string; covers: string[] }>();
  for (const stacks of [o.stacks, o.started]) {
    for (const j of plan({ stacks: named(stacks), cases: [...o.allCases] })) cells.set(cellId(j.c.id, j.stacks), { id: cellId(j.c.id, j.stacks), profile: INTEROP_PROFILE, covers: j.c.covers });
  }
  const notRun = plan({ stacks: named(o.stacks), cases: [...o.cases], ...(o.pairs ? { pairs: o.pairs } : {}) })
    .filter((j) => j.stacks.some((s) => missing.includes(s.name)))
    .map((j) => ({ id: cellId(j.c.id, j.stacks), profile: INTEROP_PROFILE, covers: j.c.covers }));
  const clean = graded.every((g) => g.outcome === 'pass' || g.outcome === 'non-strict');
  const onlyMissing = o.allowMissing && o.started.length > 0 && clean && graded.length + notRun.length === cells.size;
  return buildReport({
    ...o.base,
    options: { ...o.base.options, profiles: [INTEROP_PROFILE], ...(o.allowPartial || o.allowMissing ? { allowPartial: true } : {}) },
    results: graded,
    reqs: new Map([...o.reqs].filter(([id]) => o.allCases.some((c) => c.covers.includes(id)))),
    suiteChecks: [...cells.values()],
    notRun,
    ...(missing.length ? { notRunWhy: `stack ${missing.join(', ')} missing` } : {}),
    // A run in which no stack started implements nothing [ADP-14].
    declared: o.started.length ? [INTEROP_PROFILE] : [],
    identity: o.identity,
    allowPartial: o.allowPartial || onlyMissing,
  });
}
