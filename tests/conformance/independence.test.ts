// The judge never imports the defendant: no module under conformance/ may reach reference/ (or the
// vector generators, the tests or the scripts, which do) through its imports, directly or through
// any module it imports. The one exception is the `--impl reference` driver, which loads the
// reference by a dynamic import on start(), the way a `module:` adapter is loaded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specifiers } from './imports.ts';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);
const FORBIDDEN = ['reference/', 'vectors/gen/', 'tests/', 'scripts/', 'implementations/'];
const DRIVER = 'conformance/impl/in-process.ts';
/** Loads the implementation under test from a path the user gives: computed on purpose. */
const COMPUTED_OK = ['conformance/impl/module.ts'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const rel = (p: string): string => relative(ROOT, p);

test('no module under conformance/ reaches reference/, the generators, tests or scripts through its imports', () => {
  const start = walk(join(ROOT, 'conformance'));
  assert.ok(start.length > 30, `${start.length} harness modules`);
  const seen = new Set<string>();
  const offences: string[] = [];
  const queue = start.map((f) => ({ file: f, via: [rel(f)] }));
  while (queue.length) {
    const { file, via } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { spec, dynamic, raw } of specifiers(readFileSync(file, 'utf8'))) {
      if (dynamic && !/^['"][^'"]+['"]$/.test(raw) && !COMPUTED_OK.includes(rel(file))) {
        offences.push(`${via.join(' -> ')}: dynamic import of a computed specifier ${raw}`);
        continue;
      }
      if (!spec.startsWith('.')) continue; // packages (node:, typebox, @noble, fast-check, ...)
      const target = resolve(dirname(file), spec);
      const r = rel(target);
      if (FORBIDDEN.some((f) => r.startsWith(f))) {
        if (rel(file) === DRIVER && dynamic && r.startsWith('reference/adapter/')) continue;
        offences.push(`${via.join(' -> ')} imports ${r}`);
        continue;
      }
      if (!r.startsWith('conformance/')) queue.push({ file: target, via: [...via, r] });
    }
  }
  assert.equal(offences, []);
});

test('the scanner sees every import form (so the test above can fail)', () => {
  const src = [
    "import { a } from '../../reference/x.ts';",
    "import type { B } from '../reference/y.ts';",
    "export { c } from './z.ts';",
    "import '../side-effect.ts';",
    "const m = await import('../../reference/adapter/ops.ts');",
    "// import { no } from '../../reference/commented.ts';",
  ].join('\n');
  assert.equal(specifiers(src).map(({ spec, dynamic }) => ({ spec, dynamic })), [
    { spec: '../../reference/x.ts', dynamic: false },
    { spec: '../reference/y.ts', dynamic: false },
    { spec: './z.ts', dynamic: false },
    { spec: '../side-effect.ts', dynamic: false },
    { spec: '../../reference/adapter/ops.ts', dynamic: true },
  ]);
  assert.is(specifiers("await import(new URL('../reference/x.ts', import.meta.url).href);")[0]?.raw, "new URL('../reference/x.ts', import.meta.url).href");
});

test.run();
