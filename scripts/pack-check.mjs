#!/usr/bin/env node
// `npm run pack:check`: proves the published package works outside this repository with plain
// Node. Builds dist/, packs the tarball, installs it into an empty folder WITHOUT optional
// dependencies (no node-datachannel, no peerjs) and without dev dependencies (no tsx, no
// TypeScript), then runs there:
//   npx kibitz-conformance --version
//   npx kibitz-conformance --impl reference                      (every declared profile)
//   npx kibitz-conformance --impl "cmd:npx kibitz-reference" --profile adapter --profile crypto
//   node -e "import('kibitz-protocol')"                          (the library entry)
// and fails unless each one works (exit 0, a report, no errored check). Then the subcommands that
// need optional packages or a checkout must fail cleanly there (exit 2, one line naming what to
// install or why): `peer`, `interop`, `interop --stacks chromium`, `kibitz-reference --peer`, and
// the broker suite (which needs no optional package) must run. Slow (an npm install): it is its
// own script, called from .ci/run, not part of npm test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'kbz-pack-'));
let failed = 0;

function step(title, cmd, args, opts = {}) {
  process.stdout.write(`\n$ ${[cmd, ...args].join(' ')}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  const ms = Date.now() - t0;
  const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-6).join('\n');
  if (tail) process.stdout.write(`${tail}\n`);
  process.stdout.write(`${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`}: ${title} (${(ms / 1000).toFixed(1)} s)\n`);
  if (r.status !== 0) failed++;
  return r;
}

/** A command that must end with exit status `code` and say `pattern` (stdout or stderr), without a stack trace. */
function expectExit(title, cmd, args, code, pattern, opts = {}) {
  process.stdout.write(`\n$ ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  process.stdout.write(`${text.split('\n').slice(-4).join('\n')}\n`);
  const ok = r.status === code && pattern.test(text) && !/\n\s+at .+:\d+:\d+\)?$/m.test(text);
  process.stdout.write(`${ok ? 'ok' : `FAILED (exit ${r.status}, wanted ${code} and ${pattern})`}: ${title}\n`);
  if (!ok) failed++;
}

function verdict(file, title) {
  if (!existsSync(file)) {
    failed++;
    console.log(`FAILED: ${title}: no report`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const errored = report.checks.filter((c) => c.outcome === 'errored');
  console.log(`${title}: ${report.verdict} — ${report.checks.length} checks, suite ${report.suite.version}, vectors ${report.suite.vectors?.bundled ? 'bundled' : 'NOT bundled'}`);
  if (errored.length) {
    failed++;
    console.log(`FAILED: ${errored.length} errored, first: ${errored[0].id}: ${errored[0].cause}`);
  }
  if (report.suite.modified?.length) {
    failed++;
    console.log(`FAILED: the installed suite calls itself modified: ${report.suite.modified.join('; ')}`);
  }
}

try {
  step('build dist/', 'npm', ['run', 'build', '--silent'], { cwd: ROOT });
  const packed = step('npm pack', 'npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  const tarball = join(work, packed.stdout.trim().split('\n').at(-1));
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kbz-pack-check', private: true, type: 'module' }, null, 2));
  step('install the tarball (no optional, no dev dependencies)', 'npm', ['install', tarball, '--omit=optional', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: app });
  for (const absent of ['tsx', 'typescript', 'node-datachannel', 'peerjs', 'peer', 'playwright-core', 'esbuild']) {
    if (existsSync(join(app, 'node_modules', absent))) {
      failed++;
      console.log(`FAILED: node_modules/${absent} was installed`);
    }
  }
  const env = { ...process.env, PATH: `${join(app, 'node_modules', '.bin')}:${process.env.PATH}`, NODE_OPTIONS: '' };
  step('--version with plain Node', 'npx', ['--no-install', 'kibitz-conformance', '--version'], { cwd: app, env });
  step('--impl reference', 'npx', ['--no-install', 'kibitz-conformance', '--impl', 'reference', '--reporter', 'json:reference.json', '--quiet'], { cwd: app, env });
  verdict(join(app, 'reference.json'), 'in process');
  step('the reference adapter over stdio', 'npx', ['--no-install', 'kibitz-conformance', '--impl', 'cmd:kibitz-reference', '--profile', 'adapter', '--profile', 'crypto', '--reporter', 'json:stdio.json', '--quiet'], { cwd: app, env });
  verdict(join(app, 'stdio.json'), 'over stdio');
  // What needs optional packages or a checkout says so, cleanly; what needs neither runs.
  expectExit('peer mode names the optional packages it needs', 'npx', ['--no-install', 'kibitz-conformance', 'peer', '--impl', 'reference'], 2, /needs the packages node-datachannel, peer, peerjs[^\n]*npm install node-datachannel peer peerjs/, { cwd: app, env });
  expectExit('interop names the broker package it needs', 'npx', ['--no-install', 'kibitz-conformance', 'interop', '--case', 'roster'], 2, /needs the package peer[^\n]*npm install peer/, { cwd: app, env });
  expectExit('the chromium stack is dev-only', 'npx', ['--no-install', 'kibitz-conformance', 'interop', '--stacks', 'chromium'], 2, /chromium stack is dev-only/, { cwd: app, env });
  expectExit('kibitz-reference --peer names what it needs', 'npx', ['--no-install', 'kibitz-reference', '--peer'], 2, /needs the packages peerjs, node-datachannel/, { cwd: app, env, input: '' });
  expectExit('kibitz-reference --peer --browser is dev-only', 'npx', ['--no-install', 'kibitz-reference', '--peer', '--browser'], 2, /is dev-only/, { cwd: app, env, input: '' });
  expectExit('the broker suite runs without optional packages', 'npx', ['--no-install', 'kibitz-conformance', 'broker', '--url', 'ws://127.0.0.1:9/', '--register-timeout', '2000'], 1, /cannot open a WebSocket/, { cwd: app, env });
  step('the library entry', process.execPath, ['--input-type=module', '-e', "const m = await import('kibitz-protocol'); if (typeof m.main !== 'function' || typeof m.runChecks !== 'function') process.exit(1); console.log(Object.keys(m).length + ' exports')"], { cwd: app, env });
} finally {
  if (keep) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(failed ? `\npack check: ${failed} problem(s)` : '\npack check: the package installs and runs with plain Node');
process.exit(failed ? 1 : 0);
