#!/usr/bin/env node
// Runs uvu over tests/ with the tsx loader and ends with one plain line that CI reads:
// "N passed, N failed" (uvu's own summary prints no failed count). Exit code is uvu's,
// or 1 when the run overruns TEST_TIMEOUT_MS (uvu has no per-test timeout, and a leaked
// handle would otherwise hang CI forever).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureDebianPackages } from './preflight.mjs';

try {
  ensureDebianPackages();
} catch (e) {
  console.error(e.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const require = createRequire(import.meta.url);
const uvuBin = new URL('../bin.js', 'file://' + require.resolve('uvu')).pathname; // bin.js is not exported
const [dir = process.env.TEST_DIR ?? 'tests', pattern] = process.argv.slice(2);
// Only *.test.ts files are suites: support code, fixtures and mutants live beside them.
const suites = pattern ? `^(?=.*${pattern}).*\\.test\\.ts$` : '\\.test\\.ts$';
const args = ['--import', 'tsx', uvuBin, dir, suites, '-c', 'false'];
const limitMs = Number(process.env.TEST_TIMEOUT_MS ?? 290_000);
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (b) => { process.stdout.write(b); out += b; });
const timer = setTimeout(() => {
  console.error(`test run exceeded ${limitMs} ms, killing it`);
  child.kill('SIGKILL');
}, limitMs);
child.on('close', (code, signal) => {
  clearTimeout(timer);
  const last = (k) => Number([...out.matchAll(new RegExp(`^\\s*${k}:\\s+(\\d+)`, 'gm'))].at(-1)?.[1] ?? NaN);
  const total = last('Total'), passed = last('Passed'), skipped = last('Skipped');
  if (Number.isNaN(total)) {
    console.log('0 passed, 1 failed');
    process.exit(code || 1);
  }
  // A crash after the summary (or a kill) still counts as one failure.
  const failed = total - passed + ((code || signal) && total === passed ? 1 : 0);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? (signal ? 1 : 0));
});
