// spec/07-messages.md and the schemas must say the same thing: the same members in the same order
// per definition, the same `max` limits, the same strict/open decision, the same error codes; and
// every requirement ID the schemas, decoders, vectors and tests cite must exist.
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { MSG_ERROR_CODES } from '../../reference/messages/codes.ts';
import { PLANES, readBundle } from './ajv.ts';

type Node = Record<string, unknown>;
const ROOT = new URL('../../', import.meta.url);
const CHAPTER = readFileSync(new URL('spec/07-messages.md', ROOT), 'utf8');
const read = (rel: string) => readFileSync(new URL(rel, ROOT), 'utf8');
const filesIn = (dir: string) => readdirSync(new URL(dir, ROOT)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}${f}`);

interface SpecTable {
  refs: string[];
  strict: boolean;
  rows: { field: string; limit: number | null }[];
}

/** Every caption line "`plane#/$defs/Name`, … (open|strict)" and the table under it. */
function specTables(md: string): SpecTable[] {
  const lines = md.split('\n');
  const out: SpecTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(`\w+#\/\$defs\/\w+`(?:, `\w+#\/\$defs\/\w+`)*) \((open|strict)\)$/.exec(lines[i]!);
    if (!m) continue;
    const refs = [...m[1]!.matchAll(/`(\w+#\/\$defs\/\w+)`/g)].map((x) => x[1]!);
    let j = i + 1;
    while (lines[j]?.trim() === '') j++;
    assert.match(lines[j] ?? '', /^\| field \| type \| limit \| meaning \| receiver rule \|$/, `table header after ${lines[i]}`);
    j += 2;
    const rows: SpecTable['rows'] = [];
    for (; lines[j]?.startsWith('|'); j++) {
      const cells = lines[j]!.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
      const field = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
      assert.ok(field, `row without a field: ${lines[j]}`);
      const limit = /\bmax (\d+)\b/.exec(cells[2] ?? '');
      rows.push({ field: field!, limit: limit ? Number(limit[1]) : null });
    }
    out.push({ refs, strict: m[2] === 'strict', rows });
  }
  return out;
}

/** A member's maxLength, looking through `anyOf [T, null]`. */
function maxLengthOf(s: Node): number | null {
  if (typeof s.maxLength === 'number') return s.maxLength;
  for (const b of (s.anyOf ?? []) as Node[]) if (typeof b.maxLength === 'number') return b.maxLength;
  return null;
}

test('[MSG-01] every member table in chapter 7 matches its definition: members, order, limits, strictness', () => {
  const tables = specTables(CHAPTER);
  assert.ok(tables.length >= 35, `${tables.length} tables`);
  const documented = new Set<string>();
  for (const t of tables) {
    for (const ref of t.refs) {
      const [plane, name] = ref.split('#/$defs/') as [string, string];
      assert.ok(PLANES.includes(plane), `${ref}: unknown bundle`);
      const def = readBundle(plane).$defs[name];
      assert.ok(def, `${ref}: no such definition`);
      documented.add(ref);
      const props = (def!.properties ?? {}) as Record<string, Node>;
      assert.equal(t.rows.map((r) => r.field), Object.keys(props), `${ref}: members`);
      for (const r of t.rows) assert.is(r.limit, maxLengthOf(props[r.field]!), `${ref}.${r.field}: limit`);
      assert.is(def!.additionalProperties === false, t.strict, `${ref}: strict/open`);
    }
  }
  for (const plane of PLANES) {
    for (const [name, def] of Object.entries(readBundle(plane).$defs)) {
      if (def.type === 'object' && Object.keys((def.properties ?? {}) as Node).length > 0) {
        assert.ok(documented.has(`${plane}#/$defs/${name}`), `${plane}#/$defs/${name} has no table in chapter 7`);
      }
    }
  }
});

test('[MSG-39] the Errors table, the decoder codes and the codes in reference code are the same set', () => {
  const errors = CHAPTER.slice(CHAPTER.indexOf('\n## Errors'));
  const table = [...errors.matchAll(/^\| `(msg\.[a-z-]+)` \|/gm)].map((m) => m[1]!);
  assert.equal([...table].sort(), [...MSG_ERROR_CODES].sort());
  const literals = new Set<string>();
  for (const f of [...filesIn('reference/messages/'), 'reference/adapter/schema-ops.ts']) {
    for (const m of read(f).matchAll(/'(msg\.[a-z-]+)'/g)) literals.add(m[1]!);
  }
  assert.equal([...literals].sort(), [...table].sort(), 'reference code uses exactly the codes of the Errors table');
});

test('[MSG-01] every requirement ID the schemas, decoders, vectors and tests cite exists in spec/', () => {
  const reqs = loadRequirements();
  const sources = [
    ...['presence', 'signaling', 'signed', 'dataplane'].map((p) => `schemas/json/${p}.schema.json`),
    ...filesIn('schemas/src/'), ...filesIn('reference/messages/'), ...filesIn('tests/schemas/'),
    'vectors/schemas.json', 'reference/adapter/schema-ops.ts', 'bench/schemas.bench.ts',
  ];
  for (const f of sources) {
    for (const m of read(f).matchAll(/\b(MSG|HCMD|TOK|CONV|ROOM|IDT|BIND|SAS|ADP|PRES|SIG)-(\d{2,3})\b/g)) {
      assert.ok(reqs.has(`${m[1]}-${m[2]}`), `${f} cites ${m[1]}-${m[2]}, which spec/ does not define`);
    }
  }
});

test('[MSG-01] every MUST of chapter 7 is covered by a vector or a named test', () => {
  const reqs = [...loadRequirements().values()].filter((r) => r.id.startsWith('MSG-'));
  assert.is(reqs.length, 41);
  const vectors = JSON.parse(read('vectors/schemas.json')) as { groups: { tests: { covers: string[] }[] }[] };
  const covered = new Set(vectors.groups.flatMap((g) => g.tests.flatMap((t) => t.covers)));
  for (const f of filesIn('tests/schemas/')) for (const m of read(f).matchAll(/test\('((?:\[[A-Z]+-\d+\] )+)/g)) {
    for (const id of m[1]!.matchAll(/\[([A-Z]+-\d+)\]/g)) covered.add(id[1]!);
  }
  const uncovered = reqs.filter((r) => r.level === 'MUST' && !covered.has(r.id)).map((r) => r.id);
  assert.equal(uncovered, []);
});

test.run();
