// The CLI's reports: the JSON report validates against its published schema, JUnit is well-formed
// XML, TAP has a consistent plan, and the expectations file turns failures into xfail, stale entries
// into xpass (exit 1) and skips into skipped. SHOULD-level breaks are non-strict (exit 0).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validatorFor } from '../schemas/ajv.ts';
import type { Report } from '../../schemas/src/report.ts';
import { cliInProcess as cli } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'kbz-reports-'));

const ONLY = ['--only', 'token.valid', '--only', 'token.encoding', '--only', 'token.structure', '--seed', '1'];
const LENIENT = `module:${new URL('./fixtures/lenient-base64.ts', import.meta.url).pathname}`;

test('a SHOULD-only break is non-strict and exits 0; the JSON report validates against report.schema.json', async () => {
  const out = join(tmp, 'report.json');
  const r = await cli(['--impl', LENIENT, ...ONLY, '--reporter', 'json', '--out', out, '--allow-partial']);
  assert.is(r.code, 0, r.stdout);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  assert.is(report.summary['non-strict'], 1);
  assert.is(report.summary.fail, 0);
  const ns = report.checks.find((c) => c.outcome === 'non-strict');
  assert.is(ns?.id, 'token.encoding.body-standard-alphabet');
  assert.is(ns?.failedRequirement, 'CONV-07');
  const validate = validatorFor('report');
  assert.ok(validate(report), JSON.stringify(validate.errors));
});

test('expectations: xfail absorbs a known failure, a stale entry is xpass (exit 1), skip is skipped', async () => {
  const expect = join(tmp, 'expect.json');
  writeFileSync(expect, JSON.stringify({
    implementation: 'mutant',
    expectations: {
      'token.valid.high-s': { expect: 'xfail', reason: 'library enforces low-S', issue: 'https://example.org/1' },
      'token.structure': { expect: 'skip', reason: 'coarse skip of a group' },
    },
  }));
  const lowS = `module:${new URL('../mutants/crypto/token-low-s-only.ts', import.meta.url).pathname}`;
  const ok = await cli(['--impl', lowS, ...ONLY, '--expect', expect, '--reporter', 'json', '--allow-partial']);
  const rep = JSON.parse(ok.stdout) as Report;
  assert.is(ok.code, 0, 'the only failure is expected');
  assert.is(rep.checks.find((c) => c.id === 'token.valid.high-s')?.outcome, 'xfail');
  assert.ok(rep.checks.filter((c) => c.id.startsWith('token.structure.')).every((c) => c.outcome === 'skipped'));
  const stale = await cli(['--impl', 'reference', ...ONLY, '--expect', expect, '--reporter', 'json', '--allow-partial']);
  assert.is(stale.code, 1, 'an unexpected pass fails the run');
  assert.is((JSON.parse(stale.stdout) as Report).checks.find((c) => c.id === 'token.valid.high-s')?.outcome, 'xpass');
});

function wellFormedXml(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|apos;)/.test(xml);
}

test('JUnit XML is well-formed with one testcase per check; TAP has a matching plan; md has a verdict', async () => {
  const mutant = `module:${new URL('../mutants/crypto/token-der-signature.ts', import.meta.url).pathname}`;
  const junit = await cli(['--impl', mutant, ...ONLY, '--reporter', 'junit']);
  assert.is(junit.code, 1);
  assert.ok(wellFormedXml(junit.stdout), 'JUnit is well-formed');
  const cases = (junit.stdout.match(/<testcase /g) ?? []).length;
  assert.ok(cases > 20);
  assert.ok(/<failure message="TOK-0/.test(junit.stdout), 'failures name the requirement');
  const tap = await cli(['--impl', mutant, ...ONLY, '--reporter', 'tap']);
  const plan = Number(/^1\.\.(\d+)$/m.exec(tap.stdout)?.[1]);
  const lines = tap.stdout.split('\n').filter((l) => /^(not )?ok \d+ /.test(l)).length;
  assert.is(plan, cases);
  assert.is(lines, plan);
  assert.match(tap.stdout, /^not ok \d+ - token\.valid\.basic /m);
  const md = await cli(['--impl', mutant, ...ONLY, '--reporter', 'md']);
  assert.match(md.stdout, /not conformant/);
});

test('usage errors exit 2', async () => {
  assert.is((await cli(['--reporter', 'xml'])).code, 2);
  assert.is((await cli(['--bogus'])).code, 2);
  assert.is((await cli(['--profile', 'nope'])).code, 2);
});

test.run();
