// Lints the spec itself: requirement markers, BCP 14 keywords, error tables against the codes the
// reference really emits, requirement IDs cited in code, and the mechanical layer kept by
// `npm run spec` (anchors, links, op tables, pinned upstream commits, maturity markers). The rules
// are documented in spec/README.md, "Writing a chapter".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chapters, loadRequirements, specDir, unmarkedNormativeBlocks } from '../../conformance/spec-index.ts';
import { listOps } from '../../reference/adapter/ops.ts';
import { OP_SCHEMAS } from '../../schemas/src/ops/index.ts';
import { buildIndex, lintDocument, opTableRegions, specDocuments } from '../../scripts/lib/spec-format.ts';

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

test('every spec document is in formatted form: anchors, linked references, op tables, pinned upstream, status (npm run spec)', () => {
  const index = buildIndex();
  const problems = specDocuments().flatMap((f) => lintDocument(f, readFileSync(join(specDir(), f), 'utf8'), index));
  assert.equal(problems, [], problems.join('\n'));
});

test('every profile with ops has exactly one generated op table, and every op is in it', () => {
  const where = new Map<string, string[]>();
  for (const f of chapters()) for (const p of opTableRegions(readFileSync(join(specDir(), f), 'utf8')).keys()) where.set(p, [...(where.get(p) ?? []), f]);
  for (const profile of new Set(OP_SCHEMAS.map((s) => s.profile))) {
    assert.equal(where.get(profile)?.length, 1, `profile ${profile}: op table in ${JSON.stringify(where.get(profile) ?? [])}`);
  }
});

test('every vector and check the security argument and the trophy list cite exists', () => {
  const vectorIds = new Set<string>();
  for (const f of readdirSync(join(ROOT, 'vectors')).filter((f) => f.endsWith('.json'))) {
    const v = JSON.parse(readFileSync(join(ROOT, 'vectors', f), 'utf8')) as { groups: { id: string; tests: { id: string }[] }[] };
    for (const g of v.groups) for (const t of g.tests) vectorIds.add(t.id);
  }
  const checkSources = [...sources('conformance'), ...sources('tests')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const missing: string[] = [];
  for (const doc of ['security-argument.md', 'trophies.md']) {
    const text = readFileSync(join(specDir(), doc), 'utf8');
    for (const m of text.matchAll(/`((?:prop\.[a-z0-9.-]+)|(?:[a-z]+\.[a-z0-9-]+\.[a-z0-9*-]+))`/g)) {
      const id = m[1]!;
      if (/\.(ts|mjs|md|json|pem)$/.test(id)) continue;
      const ok = id.startsWith('prop.')
        ? checkSources.includes(`'${id}'`)
        : id.endsWith('.*')
          ? [...vectorIds].some((v) => v.startsWith(id.slice(0, -1)))
          : vectorIds.has(id);
      if (!ok) missing.push(`${doc}: ${id}`);
    }
  }
  assert.equal(missing, []);
});

// The lint must be able to fail: each broken variant of a real chapter is caught.
const SAMPLE = '04-host-commands.md';
const sample = () => readFileSync(join(specDir(), SAMPLE), 'utf8');
const lintOf = (text: string, file = SAMPLE) => lintDocument(file, text, buildIndex());

test('the lint catches a requirement marker without its anchor', () => {
  const broken = sample().replace('<a id="hcmd-01"></a>**[HCMD-01]**', '**[HCMD-01]**');
  assert.ok(broken !== sample());
  assert.ok(lintOf(broken).some((p) => p.includes('not in formatted form')));
});

test('the lint catches an unlinked requirement reference and a link to a missing anchor', () => {
  const unlinked = sample().replace('[HCMD-01](#hcmd-01)', 'HCMD-01');
  assert.ok(unlinked !== sample());
  assert.ok(lintOf(unlinked).some((p) => p.includes('not in formatted form')));
  const dangling = sample().replace('[HCMD-01](#hcmd-01)', '[HCMD-01](#hcmd-99)');
  assert.ok(lintOf(dangling).some((p) => p.includes('names no anchor')));
});

test('the lint catches a chapter without a pinned upstream commit or maturity marker', () => {
  const text = sample();
  const unpinned = text.replace(/^Upstream: .*$/m, 'Upstream: the current code');
  assert.ok(unpinned !== text);
  assert.ok(lintOf(unpinned).some((p) => p.includes('pinning the upstream commit')));
  const unmarked = text.replace(/^Status: \w+/m, 'Status: unknown');
  assert.ok(lintOf(unmarked).some((p) => p.includes('maturity marker')));
});

test('the lint catches an op table that differs from its op schemas', () => {
  const file = '10-adapter-protocol.md';
  const text = readFileSync(join(specDir(), file), 'utf8');
  const edited = text.replace('`sas.bad-symbol-count`', '`sas.bad-count`');
  assert.ok(edited !== text);
  assert.ok(lintOf(edited, file).some((p) => p.includes('not in formatted form')));
});

test.run();
