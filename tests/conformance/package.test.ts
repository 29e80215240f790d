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

/** Bare packages a module graph imports statically (dynamic imports are lazy and not followed). */
function staticPackages(entries: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entries.map((e) => join(ROOT, e));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { spec, dynamic } of specifiers(readFileSync(file, 'utf8'))) {
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
  const used = staticPackages(['bin/conformance-entry.ts', 'conformance/index.ts', 'conformance/cli/run.ts', 'conformance/cli/list.ts', 'conformance/cli/render.ts', 'reference/adapter/stdio.ts']);
  for (const [name, via] of used) {
    assert.ok(pkg.dependencies[name], `${name} (imported by ${via}) must be a runtime dependency`);
    assert.not.ok(LAZY_ONLY.includes(name), `${name} must only be loaded lazily (imported by ${via})`);
  }
  for (const name of ['node-datachannel', 'peerjs']) assert.ok(pkg.optionalDependencies?.[name] && !pkg.dependencies[name], `${name} is optional`);
  for (const name of ['tsx', 'typescript', 'peer']) assert.ok(pkg.devDependencies[name] && !pkg.dependencies[name], `${name} is a dev dependency`);
});

test.run();
