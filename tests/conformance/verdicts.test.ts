// Verdicts and the requirement grid as pure functions of graded results [ADP-14] [ADP-15]:
// every path of the verdict, the exit status it implies, and a failure charged to one requirement
// only (the check's other requirements are not failed by it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckResult } from '../../schemas/src/report.ts';
import { buildReport } from '../../conformance/report/build.ts';
import type { Requirement } from '../../conformance/spec-index.ts';
import { exitCodeOfVerdicts, profileVerdict } from '../../conformance/verdict.ts';

const r = (id: string, outcome: CheckResult['outcome'], extra: Partial<CheckResult> = {}): CheckResult => ({ id, profile: 'crypto', kind: 'vector', covers: ['ROOM-01', 'ROOM-02'], level: 'MUST', outcome, description: id, durationMs: 1, ...extra });
const verdict = (results: CheckResult[], o: { total?: number; declared?: boolean; notRun?: number; modified?: string[] } = {}) =>
  profileVerdict({ profile: 'crypto', declared: o.declared ?? true, total: o.total ?? results.length, results, notRun: o.notRun ?? 0, modified: o.modified ?? [] });

test('[ADP-14] every path of the verdict', () => {
  assert.is(verdict([r('a', 'pass'), r('b', 'non-strict')]).verdict, 'conformant');
  assert.match(verdict([r('a', 'pass'), r('b', 'non-strict')]).line, /1 SHOULD-level warning/);
  assert.is(verdict([r('a', 'pass'), r('b', 'fail')]).verdict, 'not conformant');
  assert.is(verdict([r('a', 'pass'), r('b', 'errored')]).verdict, 'not conformant');
  assert.is(verdict([r('a', 'pass'), r('b', 'xpass')]).verdict, 'not conformant');
  assert.is(verdict([r('a', 'pass'), r('b', 'unsupported')]).verdict, 'partial');
  assert.is(verdict([r('a', 'pass'), r('b', 'xfail')]).verdict, 'partial');
  assert.is(verdict([r('a', 'pass'), r('b', 'skipped')]).verdict, 'partial');
  assert.is(verdict([r('a', 'pass')], { total: 5 }).verdict, 'partial');
  assert.is(verdict([r('a', 'pass')], { total: 2, notRun: 1 }).verdict, 'partial');
  assert.is(verdict([], { total: 0 }).verdict, 'partial');
  assert.is(verdict([r('a', 'unsupported'), r('b', 'unsupported')]).verdict, 'not implemented');
  assert.is(verdict([r('a', 'pass')], { declared: false }).verdict, 'not implemented');
  assert.is(verdict([r('a', 'pass')], { modified: ['vector set x'] }).verdict, 'conformant (modified suite)');
  assert.is(verdict([r('a', 'pass'), r('b', 'unsupported')], { total: 3 }).line, 'crypto: partial (1 of 3 checks ran, 1 unsupported, 1 not selected)');
});

test('[ADP-15] exit 0 only when every selected profile is conformant; --allow-partial admits partial only', () => {
  const v = (k: string) => ({ ...verdict([r('a', 'pass')]), verdict: k as never });
  assert.is(exitCodeOfVerdicts([v('conformant'), v('conformant')], false), 0);
  assert.is(exitCodeOfVerdicts([v('conformant'), v('partial')], false), 1);
  assert.is(exitCodeOfVerdicts([v('conformant'), v('partial')], true), 0);
  assert.is(exitCodeOfVerdicts([v('conformant (modified suite)')], false), 1);
  assert.is(exitCodeOfVerdicts([v('not implemented')], true), 1);
  assert.is(exitCodeOfVerdicts([v('not conformant')], true), 1);
  assert.is(exitCodeOfVerdicts([], true), 1, 'nothing checked is never a pass');
});

test('[ADP-18] the grid charges a failure to its requirement only, in numeric order', () => {
  const req = (id: string): Requirement => ({ id, level: 'MUST', chapter: 'spec/02-room-ids.md', text: id, retired: false });
  const reqs = new Map(['ROOM-01', 'ROOM-02', 'ROOM-10', 'ROOM-03'].map((id) => [id, req(id)]));
  const results = [r('a', 'pass'), r('b', 'fail', { failedRequirement: 'ROOM-02' })];
  const report = buildReport({
    suiteVersion: '0', specVersion: '0', label: 't', info: { name: 't', version: '0', language: 'x', profiles: ['crypto'] },
    options: { profiles: ['crypto'], seed: 1, runs: 1 }, startedAt: new Date(0), durationMs: 1, results, reqs,
    suiteChecks: [...results, { id: 'c', profile: 'crypto', covers: ['ROOM-10'] }, { id: 'd', profile: 'crypto', covers: ['ROOM-03'] }],
    notRun: [{ id: 'd', profile: 'crypto', covers: ['ROOM-03'] }],
  });
  assert.equal(report.requirements.map((q) => [q.id, q.outcome, q.why ?? '']), [
    ['ROOM-01', 'pass', ''],
    ['ROOM-02', 'fail', ''],
    ['ROOM-03', 'untested', 'not run: the run stopped early'],
    ['ROOM-10', 'untested', 'not selected (--only)'],
  ]);
  assert.is(report.exitCode, 1);
});

test.run();
