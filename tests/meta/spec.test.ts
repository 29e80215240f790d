// Lints the spec itself: requirement markers, BCP 14 keywords, error tables against the codes the
// reference really emits, and requirement IDs cited in code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters, loadRequirements, specDir, unmarkedNormativeBlocks } from '../../conformance/spec-index.ts';
import { listOps } from '../../reference/adapter/ops.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const sources = (dir: string) => walk(join(ROOT, dir)).filter((f) => f.endsWith('.ts'));

test('every requirement block has exactly one ID and a BCP 14 keyword; IDs are unique', () => {
  const reqs = loadRequirements(); // throws on duplicates, several IDs per block, or no keyword
  assert.ok(reqs.size > 100, `${reqs.size} requirements`);
});

test('no BCP 14 keyword appears without a requirement ID', () => {
  assert.equal(unmarkedNormativeBlocks(), []);
});

test('the spec README lists every chapter', () => {
  const readme = readFileSync(join(specDir(), 'README.md'), 'utf8');
  for (const c of chapters()) assert.ok(readme.includes(`(${c})`), `spec/README.md does not link ${c}`);
});

function specErrorCodes(): Set<string> {
  const codes = new Set<string>();
  for (const c of chapters()) {
    const text = readFileSync(join(specDir(), c), 'utf8');
    const errors = text.split(/^## Errors\s*$/m)[1] ?? '';
    for (const m of errors.matchAll(/^\| `([a-z]+\.[a-z0-9-]+)` \|/gm)) codes.add(m[1]!);
  }
  return codes;
}

/** Every quoted 'area.name' literal in reference code whose area is an error area of the spec
 *  (adapter op names share the shape and are left out). */
function emittedCodes(): Map<string, string> {
  const areas = new Set([...specErrorCodes()].map((c) => c.split('.')[0]!));
  const ops = new Set(listOps());
  const out = new Map<string, string>();
  for (const f of sources('reference')) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/'([a-z]+)\.([a-z0-9]+(?:-[a-z0-9]+)*)'/g)) {
      const code = `${m[1]}.${m[2]}`;
      const fileName = /^(pem|json|ts|js|mjs|crt|txt|md)$/.test(m[2]!); // 'key.pem' is a file, not a code
      if (areas.has(m[1]!) && !ops.has(code) && !fileName) out.set(code, f.slice(ROOT.length));
    }
  }
  return out;
}

test('every error code the reference emits is in an Errors table of the spec', () => {
  const documented = specErrorCodes();
  for (const [code, file] of emittedCodes()) assert.ok(documented.has(code), `${file} emits ${code}, which no Errors table lists`);
});

test('every error code in the spec is emitted by the reference (no orphan codes)', () => {
  const emitted = emittedCodes();
  for (const code of specErrorCodes()) assert.ok(emitted.has(code), `spec lists ${code} but the reference never emits it`);
});

test('requirement IDs cited in reference and harness code exist in the spec', () => {
  const reqs = loadRequirements();
  for (const f of [...sources('reference'), ...sources('conformance')]) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\[([A-Z]{2,5}-\d{2,3})\]/g)) {
      assert.ok(reqs.has(m[1]!), `${f.slice(ROOT.length)} cites unknown ${m[1]}`);
    }
  }
});

test.run();
