// The interop runner's verdict by the adapter suite's rule [ADP-50]: every path as a pure function
// of what ran (no network), then one lean live run in which a broken stack's cell fails and a stack
// that never starts is missing: not conformant, exit 1, in every reporter.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { InteropReport } from '../../schemas/src/interop-report.ts';
import type { Report } from '../../schemas/src/report.ts';
import { ALL_CASES, PAIR_CASES, TRIO_CASES, type InteropCase } from '../../conformance/interop/cases.ts';
import { interopMain } from '../../conformance/interop/cli.ts';
import { plan, type InteropResult } from '../../conformance/interop/run.ts';
import type { Stack } from '../../conformance/interop/stacks.ts';
import { interopReport, type MatrixRun } from '../../conformance/interop/verdict.ts';
import type { Expectation } from '../../conformance/expectations.ts';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { identifyCheckSuite } from '../../conformance/suite-digest.ts';
import { brokenPeerCommand } from '../peer/support/run-broken.ts';

const reqs = loadRequirements();
const identity = identifyCheckSuite('interop', ALL_CASES);
const named = (names: string[]) => names.map((name) => ({ name }) as Stack);

/** The results of running `cases` on the started stacks, each cell with the outcome `outcome(id)` gives. */
function ran(started: string[], cases: InteropCase[], outcome: (c: InteropCase, stacks: string) => InteropResult['outcome'] = () => 'pass', pairs?: string[]): InteropResult[] {
  return plan({ stacks: named(started), cases, ...(pairs ? { pairs } : {}) }).map((j) => {
    const o = outcome(j.c, j.stacks.map((s) => s.name).join('>'));
    return { case: j.c.id, kind: j.c.kind, stacks: j.stacks.map((s) => s.name), covers: j.c.covers, outcome: o, durationMs: 5, ...(o === 'fail' ? { requirement: j.c.covers[0]!, message: 'broken' } : o === 'pass' ? {} : { message: o }) };
  });
}

function judge(o: { stacks: string[]; started?: string[]; cases?: InteropCase[]; pairs?: string[]; results?: InteropResult[]; allowPartial?: boolean; allowMissing?: boolean; expectations?: Expectation[] }): Report {
  const started = o.started ?? o.stacks;
  const cases = o.cases ?? ALL_CASES;
  const run: MatrixRun = {
    stacks: o.stacks,
    started,
    allCases: ALL_CASES,
    cases,
    ...(o.pairs ? { pairs: o.pairs } : {}),
    results: o.results ?? ran(started, cases, undefined, o.pairs),
    expectations: o.expectations ?? [],
    reqs,
    allowPartial: o.allowPartial ?? false,
    allowMissing: o.allowMissing ?? false,
    replay: (id) => `replay ${id}`,
    identity,
    base: { suiteVersion: '0', specVersion: '0', label: 'interop', info: { name: 'interop matrix', version: '0', language: 'x', profiles: ['interop'] }, options: { seed: 0, runs: 1 }, startedAt: new Date(0), durationMs: 1 },
  };
  return interopReport(run);
}
const v = (r: Report) => [r.verdicts?.[0]?.verdict, r.exitCode] as const;

const test = suite('interop verdicts');

test('[ADP-50] [ADP-14] every cell of the suite ran and passed: conformant, exit 0; two stacks are 10 × 4 pair cells and 4 trio cells', () => {
  const r = judge({ stacks: ['node', 'python'] });
  assert.equal(v(r), ['conformant', 0]);
  assert.is(r.verdicts![0]!.counts.total, PAIR_CASES.length * 4 + TRIO_CASES.length);
  assert.ok(r.checks.some((c) => c.id === 'safety-code.node>python'));
  assert.ok(r.checks.some((c) => c.id === 'trio.converge.node>python>node'));
  assert.is(r.suite.checks?.count, ALL_CASES.length);
});

test('[ADP-50] [ADP-15] a narrower --case or --pair is partial: exit 1, and 0 with --allow-partial', () => {
  const only = ALL_CASES.filter((c) => c.id === 'claim-join');
  assert.equal(v(judge({ stacks: ['node'], cases: only })), ['partial', 1]);
  assert.equal(v(judge({ stacks: ['node'], cases: only, allowPartial: true })), ['partial', 0]);
  assert.match(judge({ stacks: ['node'], cases: only }).verdicts![0]!.line, /^interop: partial \(1 of 14 checks ran, 13 not selected\)$/);
  assert.equal(v(judge({ stacks: ['node', 'python'], cases: PAIR_CASES, pairs: ['python>node'], allowPartial: true })), ['partial', 0]);
});

test('[ADP-50] [ADP-47] a missing stack\'s cells are not run: partial, exit 1; --allow-missing accepts that alone, never a failure or a narrower selection', () => {
  const missing = judge({ stacks: ['node', 'chromium', 'python'], started: ['node', 'chromium'] });
  assert.equal(v(missing), ['partial', 1]);
  // 10 pair cases × 5 ordered pairs with python, and the 4 trio cells of node>chromium>python.
  assert.is(missing.run?.notRun, PAIR_CASES.length * 5 + TRIO_CASES.length);
  assert.ok(missing.requirements.every((q) => q.why === undefined || /not run: stack python missing|not selected/.test(q.why)));
  assert.equal(v(judge({ stacks: ['node', 'chromium', 'python'], started: ['node', 'chromium'], allowMissing: true })), ['partial', 0]);
  const failing = ran(['node', 'chromium'], ALL_CASES, (c, s) => (c.id === 'lock' && s === 'chromium>node' ? 'fail' : 'pass'));
  assert.equal(v(judge({ stacks: ['node', 'chromium', 'python'], started: ['node', 'chromium'], results: failing, allowMissing: true })), ['not conformant', 1]);
  const only = ALL_CASES.filter((c) => c.id === 'roster');
  assert.equal(v(judge({ stacks: ['node', 'python'], started: ['node'], cases: only, allowMissing: true })), ['partial', 1]);
  // No stack started: nothing is implemented, whatever the flags say.
  assert.equal(v(judge({ stacks: ['node'], started: [], allowMissing: true, allowPartial: true })), ['not implemented', 1]);
});

test('[ADP-50] [ADP-14] a failed cell is not conformant (even with --allow-partial), an errored one too; every cell unsupported is not implemented', () => {
  const fail = judge({ stacks: ['node'], results: ran(['node'], ALL_CASES, (c) => (c.id === 'kick' ? 'fail' : 'pass')), allowPartial: true });
  assert.equal(v(fail), ['not conformant', 1]);
  const cell = fail.checks.find((c) => c.id === 'kick.node>node')!;
  assert.is(cell.outcome, 'fail');
  assert.is(cell.failedRequirement, 'PRES-30');
  assert.match(cell.link ?? '', /08-presence\.md#pres-30$/);
  assert.is(cell.replay, 'replay kick.node>node');
  assert.equal(v(judge({ stacks: ['node'], results: ran(['node'], ALL_CASES, (c) => (c.id === 'lobby' ? 'errored' : 'pass')) })), ['not conformant', 1]);
  assert.equal(v(judge({ stacks: ['node'], results: ran(['node'], ALL_CASES, () => 'unsupported'), allowPartial: true })), ['not implemented', 1]);
});

test('[ADP-50] expectations: a skipped cell is not run and makes the verdict partial; an expected failure is xfail', () => {
  const skip: Expectation[] = [{ key: 'trio', expect: 'skip', reason: 'one stack only' }];
  const started = ['node'];
  const results = ran(started, ALL_CASES.filter((c) => c.kind === 'pair'));
  const r = judge({ stacks: started, results, expectations: skip, allowPartial: true });
  assert.equal(r.checks.filter((c) => c.outcome === 'skipped').map((c) => c.id), TRIO_CASES.map((c) => `${c.id}.node>node>node`));
  assert.equal(v(r), ['partial', 0]);
  const xfail: Expectation[] = [{ key: 'lock', expect: 'xfail', reason: 'known' }];
  const x = judge({ stacks: started, results: ran(started, ALL_CASES, (c) => (c.id === 'lock' ? 'fail' : 'pass')), expectations: xfail });
  assert.is(x.checks.find((c) => c.id === 'lock.node>node')?.outcome, 'xfail');
  assert.equal(v(x), ['partial', 1]);
});

const live = suite<{ dir: string }>('interop verdicts, live', { dir: mkdtempSync(join(tmpdir(), 'kbz-interop-verdict-')) });
live.after((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

live('[ADP-50] [PRES-31] a broken stack fails its cell naming the requirement, a stack that cannot start is missing: not conformant, exit 1, in the matrix and every reporter', async (ctx) => {
  const json = join(ctx.dir, 'report.json');
  const matrix = join(ctx.dir, 'matrix.json');
  const code = await interopMain([
    '--stack', `node=cmd:${brokenPeerCommand('ignores-hostcmd')}`,
    '--stack', `ghost=cmd:"${process.execPath}" -e "process.exit(3)"`,
    '--stacks', 'node,ghost',
    '--case', 'host-command',
    '--jobs', '1',
    '--timeout', '60000',
    '--reporter', `json:${json}`, '--reporter', `html:${join(ctx.dir, 'report.html')}`, '--reporter', `badge:${join(ctx.dir, 'badges')}`,
    '--json', matrix,
    '--quiet',
  ]);
  const r = JSON.parse(readFileSync(json, 'utf8')) as Report;
  const cell = r.checks.find((c) => c.id === 'host-command.node>node');
  assert.is(cell?.outcome, 'fail', cell?.message);
  assert.is(cell?.failedRequirement, 'PRES-31');
  assert.is(r.run?.notRun, 3, 'node>ghost, ghost>node, ghost>ghost');
  assert.is(r.verdicts?.[0]?.verdict, 'not conformant', r.verdicts?.[0]?.line);
  assert.is(code, 1);
  assert.is(r.exitCode, 1);
  const m = JSON.parse(readFileSync(matrix, 'utf8')) as InteropReport;
  assert.equal(m.stacks.map((s) => [s.name, s.status]), [['node', 'ran'], ['ghost', 'missing']]);
  assert.match(m.verdict ?? '', /^NOT CONFORMANT: interop not conformant/);
  assert.is(m.exitCode, 1);
  assert.ok(existsSync(join(ctx.dir, 'report.html')));
  assert.is((JSON.parse(readFileSync(join(ctx.dir, 'badges', 'interop.json'), 'utf8')) as { color: string }).color, 'red');
});

test.run();
live.run();
