#!/usr/bin/env node
// `npm run pack:check`: proves the published package works outside this repository with plain
// Node. Builds dist/, packs the tarball, installs it into an empty folder WITHOUT optional
// dependencies (no node-datachannel, no peerjs) and without dev dependencies (no tsx, no
// TypeScript), then runs there:
//   npx kibitz-conformance --version
//   npx kibitz-conformance --impl reference                      (every declared profile)
//   npx kibitz-conformance --impl "cmd:npx kibitz-reference" --profile adapter --profile crypto
//   node -e "import('kibitz-protocol')"                          (the library entry)
// and fails unless each one works (exit 0, a report, no errored check). Slow (an npm install):
// it is its own script, called from .ci/run, not part of npm test.
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
  for (const absent of ['tsx', 'typescript', 'node-datachannel', 'peerjs', 'esbuild']) {
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
  step('the library entry', process.execPath, ['--input-type=module', '-e', "const m = await import('kibitz-protocol'); if (typeof m.main !== 'function' || typeof m.runChecks !== 'function') process.exit(1); console.log(Object.keys(m).length + ' exports')"], { cwd: app, env });
} finally {
  if (keep) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(failed ? `\npack check: ${failed} problem(s)` : '\npack check: the package installs and runs with plain Node');
process.exit(failed ? 1 : 0);
