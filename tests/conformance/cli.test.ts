// The CLI as a user meets it: clean usage errors (exit 2, no stack trace) for every bad option,
// several reporters in one run, `render` from a saved report, the HTML and badge reporters,
// --version, NO_COLOR, `--list | head`, and a replay command that runs exactly as printed.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cliInProcess as cli } from './helpers.ts';
import type { Report } from '../../schemas/src/report.ts';
import { validatorFor } from '../schemas/ajv.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/kibitz-conformance.mjs');
const FAKE = join(ROOT, 'tests/conformance/fixtures/fake-adapter.mjs');
const MUTANT = join(ROOT, 'tests/mutants/crypto/sas-unsorted-pair.ts');
const tmp = mkdtempSync(join(tmpdir(), 'kbz-cli-'));
const exec = promisify(execFile);

async function usage(args: string[], why: RegExp): Promise<void> {
  const r = await cli(args);
  assert.is(r.code, 2, `${args.join(' ')} -> ${r.code}\n${r.stderr}`);
  assert.match(r.stderr, why);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
}

test('[ADP-15] usage errors exit 2 with one clean line', async () => {
  await usage(['--impl', 'python3 adapter.py'], /--impl must be reference, module:<path> or cmd:<command>/);
  await usage(['--impl', `module:${join(tmp, 'nope.mjs')}`], /no such file/);
  await usage(['--expect', join(tmp, 'missing.json')], /--expect .*: no such file/);
  await usage(['--vectors', join(tmp, 'no-dir')], /--vectors .*: no such directory/);
  await usage(['--out', join(tmp, 'no-dir', 'r.json')], /cannot write the pretty report .*the directory does not exist/);
  await usage(['--reporter', 'junit:/proc/nope/out.xml'], /cannot write the junit report/);
  await usage(['--reporter', 'xml'], /unknown reporter "xml"/);
  await usage(['--reporter', 'json', '--reporter', 'md'], /only one reporter can write to standard output/);
  await usage(['--bogus'], /Unknown option '--bogus'/);
  await usage(['--profile', 'nope'], /unknown profile "nope"/);
  await usage(['--profile', 'adapter'], /needs --impl cmd:/);
  await usage(['--seed', 'x'], /--seed must be an integer or "random"/);
  await usage(['--runs', '0'], /--runs must be an integer >= 1/);
  await usage(['--only', 'nosuchcheck', '--profile', 'crypto'], /--only nosuchcheck selects no check/);
  await usage(['--list', '--only', 'nosuchcheck'], /selects no check/);
  const expect = join(tmp, 'typo.json');
  writeFileSync(expect, JSON.stringify({ expectations: { 'sas.cod': { expect: 'skip', reason: 'typo' } } }));
  await usage(['--expect', expect, '--profile', 'crypto'], /"sas\.cod" matches no check/);
  await usage(['render'], /render needs exactly one saved JSON report/);
  await usage(['render', join(tmp, 'none.json')], /no such file/);
});

test('[ADP-15] --only takes requirement IDs and group prefixes; a partial selection is never conformant', async () => {
  const out = join(tmp, 'sas05.json');
  const r = await cli(['--profile', 'crypto', '--only', 'SAS-05', '--reporter', `json:${out}`, '--quiet']);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  assert.ok(report.checks.length >= 5 && report.checks.every((c) => c.covers.includes('SAS-05')));
  assert.is(report.verdicts?.[0]?.verdict, 'partial');
  assert.is(r.code, 1);
  const list = await cli(['--list', '--profile', 'crypto', '--only', 'token.valid']);
  assert.ok(list.stdout.trim().split('\n').every((l) => l.startsWith('token.valid.')));
});

test('[ADP-18] several reporters in one run; render re-renders a saved report; html and badges stand alone', async () => {
  const files = { json: join(tmp, 'r.json'), junit: join(tmp, 'r.xml'), md: join(tmp, 'r.md'), html: join(tmp, 'r.html'), badge: join(tmp, 'badges'), tap: join(tmp, 'r.tap') };
  const r = await cli(['--impl', `module:${MUTANT}`, '--profile', 'crypto', '--only', 'sas.code', ...Object.entries(files).map(([k, v]) => `--reporter=${k}:${v}`)]);
  assert.is(r.code, 1);
  assert.match(r.stdout, /RESULT: NOT CONFORMANT/, 'a pretty summary on stdout when every report goes to a file');
  for (const f of Object.values(files)) assert.ok(existsSync(f), f);
  const report = JSON.parse(readFileSync(files.json, 'utf8')) as Report;
  const validate = validatorFor('report');
  assert.ok(validate(report), JSON.stringify(validate.errors));
  const failed = report.checks.find((c) => c.outcome === 'fail')!;
  assert.match(failed.failedRequirement ?? '', /^SAS-0\d$/);
  assert.is(failed.link, `spec/06-safety-code.md#${failed.failedRequirement!.toLowerCase()}`);
  assert.ok((failed.requirementText ?? '').length > 20);
  assert.ok(failed.input !== undefined && failed.expected !== undefined && failed.actual !== undefined);
  assert.match(readFileSync(files.md, 'utf8'), /❌ NOT CONFORMANT/);
  assert.match(readFileSync(files.junit, 'utf8'), /<property name="verdict" value="crypto: not conformant/);
  assert.match(readFileSync(files.tap, 'utf8'), /^# RESULT: NOT CONFORMANT/m);
  const html = readFileSync(files.html, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /sas-05/);
  assert.not.match(html, /<script|<link|src=|url\(|https?:\/\//, 'one file, no network');
  assert.equal(JSON.parse(readFileSync(join(files.badge, 'crypto.json'), 'utf8')), { schemaVersion: 1, label: 'kibitz crypto', message: `not conformant ${report.verdicts![0]!.counts.clean}/${report.verdicts![0]!.counts.total}`, color: 'red' });
  const again = await cli(['render', files.json, '--reporter', 'md']);
  assert.is(again.code, 1, 'render exits with the saved report\'s status');
  assert.is(again.stdout, readFileSync(files.md, 'utf8'));
});

test('[ADP-18] a failure\'s replay command runs as printed and fails the same check', async () => {
  const out = join(tmp, 'replay.json');
  await cli(['--impl', `module:${MUTANT}`, '--profile', 'crypto', '--only', 'sas.code', '--reporter', `json:${out}`, '--quiet']);
  const failed = (JSON.parse(readFileSync(out, 'utf8')) as Report).checks.find((c) => c.outcome === 'fail')!;
  // From the sources the replay starts the repository's launcher; the compiled package prints
  // `npx kibitz-conformance` (what npm links to the same entry point).
  assert.match(failed.replay!, /^node \S*bin\/kibitz-conformance\.mjs --impl module:\S+ --profile crypto --only \S+ --seed 20261121$/);
  const rerun = await exec('/bin/sh', ['-c', `${failed.replay!} --reporter json`], { cwd: process.cwd(), maxBuffer: 32 << 20 }).catch((e: { code: number; stdout: string }) => e);
  const replayed = JSON.parse(rerun.stdout) as Report;
  assert.equal(replayed.checks.map((c) => [c.id, c.outcome]), [[failed.id, 'fail']]);
});

test('--version; colour only when wanted (NO_COLOR wins); `--list | head` exits quietly', async () => {
  const v = await cli(['--version']);
  assert.match(v.stdout, /^kibitz-conformance \d+\.\d+\.\d+ \(spec \d+\.\d+\.\d+, adapter protocol version 1\)\n$/);
  const run = () => cli(['--impl', `cmd:node ${FAKE} good`, '--profile', 'crypto', '--only', 'sas.code.table']);
  const env = { ...process.env };
  try {
    delete process.env.NO_COLOR;
    process.env.FORCE_COLOR = '1';
    assert.match((await run()).stdout, /\u001b\[/, 'FORCE_COLOR colours');
    process.env.NO_COLOR = '1';
    assert.not.match((await run()).stdout, /\u001b\[/, 'NO_COLOR wins');
  } finally {
    process.env = env;
  }
  const head = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const list = spawn(process.execPath, [BIN, '--list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    list.stderr.on('data', (b: Buffer) => (stderr += b));
    list.stdout.once('data', () => list.stdout.destroy()); // what `| head -1` does
    list.on('close', (code) => resolve({ code, stderr }));
  });
  assert.is(head.code, 0);
  assert.not.match(head.stderr, /EPIPE|Error/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
