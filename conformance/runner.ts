// Runs checks against one implementation and grades each raw result into an outcome
// (spec/10-adapter-protocol.md 10.5): the level of the broken requirement decides fail vs
// non-strict; the expectations file turns known failures into xfail and stale entries into xpass.
import type { CheckResult, Outcome } from '../schemas/src/report.ts';
import type { Check, CheckContext, RawResult } from './checks/types.ts';
import { expectationFor, type Expectation } from './expectations.ts';
import type { Implementation } from './impl/types.ts';
import type { Level, Requirement } from './spec-index.ts';

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

export interface RunOptions {
  seed: number;
  runs: number;
  path?: string;
  expectations: readonly Expectation[];
  replay: (checkId: string, extra?: string) => string;
  onProgress?: (done: number, total: number, result: CheckResult) => void;
}

export async function runChecks(impl: Implementation, checks: readonly Check[], reqs: Map<string, Requirement>, opts: RunOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [i, check] of checks.entries()) {
    const level = checkLevel(check.covers, reqs);
    const expectation = expectationFor(check.id, opts.expectations);
    const base = { id: check.id, profile: check.profile, kind: check.kind, covers: check.covers, level, description: check.description };
    const exp = expectation ? { expectation: { expect: expectation.expect, reason: expectation.reason, ...(expectation.issue ? { issue: expectation.issue } : {}) } } : {};
    let result: CheckResult;
    if (expectation?.expect === 'skip') {
      result = { ...base, ...exp, outcome: 'skipped', durationMs: 0, message: expectation.reason };
    } else {
      const ctx: CheckContext = { seed: opts.seed, runs: opts.runs, ...(opts.path ? { path: opts.path } : {}), replay: (extra) => opts.replay(check.id, extra) };
      const t0 = performance.now();
      let raw: RawResult;
      try {
        raw = await check.run(impl, ctx);
      } catch (e) {
        raw = { status: 'errored', message: `the check itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
      }
      const durationMs = Math.round((performance.now() - t0) * 100) / 100;
      result = { ...base, ...exp, outcome: grade(raw, level, reqs, expectation), durationMs };
      if (raw.message) result.message = raw.message;
      if (raw.status === 'errored' && impl.diagnostics?.()) result.message += `\nadapter stderr (tail):\n${impl.diagnostics!().slice(-1500)}`;
      if (raw.status === 'fail') {
        result.failedRequirement = raw.requirement;
        if (raw.expected !== undefined) result.expected = raw.expected;
        if (raw.actual !== undefined) result.actual = raw.actual;
        if (raw.seed !== undefined) result.seed = raw.seed;
        if (raw.path !== undefined) result.path = raw.path;
        result.replay = opts.replay(check.id, raw.seed !== undefined ? `--seed ${raw.seed}${raw.path ? ` --path ${raw.path}` : ''}` : undefined);
      }
      if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
    }
    results.push(result);
    opts.onProgress?.(i + 1, checks.length, result);
  }
  return results;
}
