// Runs checks against one implementation and grades each raw result into an outcome
// (spec/10-adapter-protocol.md 10.5): the level of the broken requirement decides fail vs
// non-strict; the expectations file turns known failures into xfail and stale entries into xpass.
// An errored check carries the root cause the driver named (a crash, noise on stdout, a timeout),
// so reports group one broken adapter into one problem. The run stops early on --bail, on
// --max-errors, when the time budget is spent, or when the adapter is gone for good; the checks
// left are reported as not run, never as passed.
import type { CheckResult, Outcome } from '../schemas/src/report.ts';
import type { Check, CheckContext, RawResult } from './checks/types.ts';
import { expectationFor, type Expectation } from './expectations.ts';
import type { Fault, Implementation } from './impl/types.ts';
import { boundValue } from './report/elide.ts';
import { oneLine, requirementLink, type Level, type Requirement } from './spec-index.ts';

const RANK: Record<Level, number> = { MUST: 0, SHOULD: 1, MAY: 2 };

export function checkLevel(covers: string[], reqs: Map<string, Requirement>): Level {
  return covers.map((c) => reqs.get(c)?.level ?? 'MAY').sort((a, b) => RANK[a] - RANK[b])[0] ?? 'MAY';
}

export function grade(raw: RawResult, level: Level, reqs: Map<string, Requirement>, expectation?: Expectation): Outcome {
  const failed = raw.status === 'fail' || raw.status === 'errored';
  if (expectation?.expect === 'xfail') return failed ? 'xfail' : raw.status === 'pass' ? 'xpass' : 'unsupported';
  switch (raw.status) {
    case 'pass':
      return 'pass';
    case 'unsupported':
      return 'unsupported';
    case 'errored':
      return 'errored';
    case 'fail': {
      const failedLevel = reqs.get(raw.requirement)?.level ?? level;
      return failedLevel === 'MUST' ? 'fail' : 'non-strict';
    }
  }
}

/** "cause (ADP-01)": the line every reporter groups errored checks by. */
export const causeLine = (f: Fault): string => (f.requirement ? `${f.cause} (${f.requirement})` : f.cause);

export interface RunOptions {
  seed: number;
  runs: number;
  path?: string;
  expectations: readonly Expectation[];
  replay: (checkId: string, extra?: string) => string;
  onProgress?: (done: number, total: number, result: CheckResult) => void;
  /** Stop at the first fail, errored or xpass. */
  bail?: boolean;
  /** Stop once this many checks errored. */
  maxErrors?: number;
  /** Stop starting checks once this many milliseconds have passed. */
  budgetMs?: number;
  /** The per-op timeout, passed on to checks that open their own adapter sessions. */
  timeoutMs?: number;
}

export interface RunOutcome {
  results: CheckResult[];
  /** Checks selected but not run because the run stopped early. */
  notRun: Check[];
  /** Why the run stopped early, if it did. */
  stopped?: string;
}

function failureDetails(result: CheckResult, raw: Extract<RawResult, { status: 'fail' }>, reqs: Map<string, Requirement>): void {
  result.failedRequirement = raw.requirement;
  const req = reqs.get(raw.requirement);
  if (req) {
    result.requirementText = oneLine(req);
    result.link = requirementLink(req);
  }
  if (raw.input !== undefined) result.input = boundValue(raw.input);
  if (raw.expected !== undefined) result.expected = boundValue(raw.expected);
  if (raw.actual !== undefined) result.actual = boundValue(raw.actual);
  if (raw.seed !== undefined) result.seed = raw.seed;
  if (raw.path !== undefined) result.path = raw.path;
}

export async function runSelected(impl: Implementation, checks: readonly Check[], reqs: Map<string, Requirement>, opts: RunOptions): Promise<RunOutcome> {
  const results: CheckResult[] = [];
  const t0 = Date.now();
  let errored = 0;
  let stopped: string | undefined;
  impl.takeFaults?.(); // faults of the start handshake belong to no check
  for (const [i, check] of checks.entries()) {
    if (opts.budgetMs !== undefined && Date.now() - t0 >= opts.budgetMs) {
      stopped = `the time budget of ${Math.round(opts.budgetMs / 1000)} s was spent`;
    }
    if (stopped) return { results, notRun: checks.slice(i), stopped };
    const level = checkLevel(check.covers, reqs);
    const expectation = expectationFor(check.id, opts.expectations);
    const base = { id: check.id, profile: check.profile, kind: check.kind, covers: check.covers, level, description: check.description };
    const exp = expectation ? { expectation: { expect: expectation.expect, reason: expectation.reason, ...(expectation.issue ? { issue: expectation.issue } : {}) } } : {};
    let result: CheckResult;
    if (expectation?.expect === 'skip') {
      result = { ...base, ...exp, outcome: 'skipped', durationMs: 0, message: expectation.reason };
    } else {
      const ctx: CheckContext = { seed: opts.seed, runs: opts.runs, ...(opts.path ? { path: opts.path } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), replay: (extra) => opts.replay(check.id, extra) };
      const started = performance.now();
      let raw: RawResult;
      try {
        raw = await check.run(impl, ctx);
      } catch (e) {
        raw = { status: 'errored', message: `the check itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
      }
      const faults = impl.takeFaults?.() ?? [];
      const fault = faults[0];
      if (fault && raw.status !== 'errored') {
        // The adapter broke the protocol during this check: whatever it answered cannot be trusted.
        raw = { status: 'errored', message: `${causeLine(fault)}${fault.detail ? `: ${fault.detail}` : ''}\n(the check otherwise gave: ${raw.status}${'message' in raw && raw.message ? `: ${raw.message.split('\n')[0]}` : ''})` };
      }
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      result = { ...base, ...exp, outcome: grade(raw, level, reqs, expectation), durationMs };
      if (raw.message) result.message = raw.message;
      if (raw.status === 'errored') {
        result.cause = fault ? causeLine(fault) : `the check errored: ${raw.message.split('\n')[0]!.slice(0, 160)}`;
        const stderr = impl.diagnostics?.();
        if (stderr) result.message += `\nadapter stderr (tail):\n${stderr.slice(-1500)}`;
        if (fault?.fatal) stopped = `the adapter is gone: ${causeLine(fault)}`;
      }
      if (raw.status === 'fail') {
        failureDetails(result, raw, reqs);
        result.replay = opts.replay(check.id, raw.seed !== undefined ? `--seed ${raw.seed}${raw.path ? ` --path ${raw.path}` : ''}` : undefined);
      }
      if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
    }
    results.push(result);
    opts.onProgress?.(i + 1, checks.length, result);
    if (result.outcome === 'errored') errored++;
    if (opts.bail && (result.outcome === 'fail' || result.outcome === 'errored' || result.outcome === 'xpass')) stopped ??= `--bail: ${result.id} ${result.outcome}`;
    if (opts.maxErrors !== undefined && errored >= opts.maxErrors) stopped ??= `--max-errors ${opts.maxErrors}: ${errored} checks errored`;
    if (stopped && i + 1 < checks.length) return { results, notRun: checks.slice(i + 1), stopped };
  }
  return { results, notRun: [], ...(stopped ? { stopped } : {}) };
}

/** The results alone (the shape tests, benches and the mutant scorer use). */
export async function runChecks(impl: Implementation, checks: readonly Check[], reqs: Map<string, Requirement>, opts: RunOptions): Promise<CheckResult[]> {
  return (await runSelected(impl, checks, reqs, opts)).results;
}
