// The published package runs on plain Node: its entry points are compiled JS in dist/ (built from
// the sources named here), every package the harness and the reference adapter import at load
// time is a runtime dependency, and WebRTC/PeerJS packages are reached only lazily (peer mode,
// real transports), so a fork can install without them. `npm run pack:check` does the real
// thing (pack, install in an empty folder, run); this test keeps the pieces honest on every run.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specifiers } from './imports.ts';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  files: string[];
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const LAZY_ONLY = ['node-datachannel', 'peerjs', 'peer', 'tsx', 'playwright-core', 'typescript'];

/** dist/x/y.js -> x/y.ts (what tsconfig.build.json compiles it from). */
const sourceOf = (dist: string): string => dist.replace(/^\.?\/?dist\//, '').replace(/\.d\.ts$|\.js$/, '.ts');
const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Bare packages a module graph imports statically (dynamic and type-only imports are not followed). */
function staticPackages(entries: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entries.map((e) => join(ROOT, e));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Type-only imports are erased by the compiler: they load nothing at run time.
    const code = readFileSync(file, 'utf8').replace(/\bimport\s+type\b[^;]*;/g, '');
    for (const { spec, dynamic } of specifiers(code)) {
      if (dynamic) continue;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) found.set(packageName(spec), relative(ROOT, file));
    }
  }
  return found;
}

test('bin and exports point into dist/ at files compiled from existing sources', () => {
  for (const [name, target] of Object.entries(pkg.bin)) {
    assert.match(target, /^dist\/bin\/.+\.js$/, `${name} runs compiled JS`);
    assert.ok(existsSync(join(ROOT, sourceOf(target))), `${name}: ${sourceOf(target)} exists`);
  }
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') {
      if (target === './package.json') continue; // npm always ships it
      assert.ok(pkg.files.some((f) => target.replace(/^\.\//, '').startsWith(f.replace(/\*.*$/, '').replace(/\/$/, ''))), `${key} is shipped`);
      continue;
    }
    assert.ok(target.default.startsWith('./dist/') && target.types.startsWith('./dist/'), key);
    if (!key.includes('*')) assert.ok(existsSync(join(ROOT, sourceOf(target.default))), `${key}: ${sourceOf(target.default)} exists`);
  }
  assert.ok(pkg.files.includes('dist') && pkg.files.includes('spec') && pkg.files.includes('schemas/json'));
  assert.match(pkg.scripts.prepare ?? '', /build/, 'npm ci builds dist/');
  assert.match(pkg.scripts.build ?? '', /tsconfig\.build\.json/);
});

test('the harness CLI, its library API and the reference adapter load only runtime dependencies', () => {
  const used = staticPackages(['bin/conformance-entry.ts', 'bin/reference-entry.ts', 'conformance/index.ts', 'conformance/cli/run.ts', 'conformance/cli/list.ts', 'conformance/cli/render.ts', 'reference/adapter/stdio.ts', 'conformance/broker/cli.ts', 'conformance/peer/cli.ts', 'conformance/interop/cli.ts', 'reference/peer/needs.ts']);
  for (const [name, via] of used) {
    assert.ok(pkg.dependencies[name], `${name} (imported by ${via}) must be a runtime dependency`);
    assert.not.ok(LAZY_ONLY.includes(name), `${name} must only be loaded lazily (imported by ${via})`);
  }
  // The peer and interop subcommands and the reference peer program need these, checked before they start.
  for (const name of ['node-datachannel', 'peerjs', 'peer']) assert.ok(pkg.optionalDependencies?.[name] && !pkg.dependencies[name] && !pkg.devDependencies[name], `${name} is optional`);
  // Only the Chromium stack (dev-only: it compiles TypeScript at start-up) and the sources' launchers need these.
  for (const name of ['tsx', 'typescript', 'playwright-core']) assert.ok(pkg.devDependencies[name] && !pkg.dependencies[name], `${name} is a dev dependency`);
});

test('package-lock.json agrees with package.json: root sections, and the optional and dev flags of the packages they bring', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean; dependencies?: Record<string, string> }> };
  const root = lock.packages['']! as unknown as typeof pkg;
  assert.equal(root.dependencies, pkg.dependencies);
  assert.equal(root.optionalDependencies, pkg.optionalDependencies);
  assert.equal(root.devDependencies, pkg.devDependencies);
  // npm --omit=optional and --omit=dev read these flags: the optional packages and what only they
  // bring must be marked optional, or a fork installing without them gets them anyway.
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) assert.ok(lock.packages[`node_modules/${name}`]?.optional, `${name} is optional in the lock`);
  assert.ok(lock.packages['node_modules/express']?.optional, 'express comes only with peer');
  for (const name of ['tsx', 'typescript']) assert.ok(lock.packages[`node_modules/${name}`]?.dev, `${name} is dev in the lock`);
  for (const name of Object.keys(pkg.dependencies)) {
    const e = lock.packages[`node_modules/${name}`]!;
    assert.not.ok(e.dev || e.optional || e.devOptional, `${name} is a runtime package in the lock`);
  }
});

test('peer mode and interop start the reference from the installed package\'s compiled entry, not the sources\' launcher', async () => {
  const src = readFileSync(join(ROOT, 'conformance/cli/launcher.ts'), 'utf8');
  assert.match(src, /fromRoot\('dist', 'bin', 'reference-entry\.js'\)/);
  assert.equal(pkg.bin['kibitz-reference'], 'dist/bin/reference-entry.js');
  const { referenceCommand } = await import('../../conformance/cli/launcher.ts');
  // From the sources (this test), the launcher that runs them.
  assert.match(referenceCommand('--peer'), /bin\/kibitz-reference\.mjs" --peer$/);
});

test.run();
