// Who covers which requirement: vectors, harness checks (properties, scenarios, broker checks) and
// named unit tests (titles carrying "[ID]"). Feeds the traceability gate and the matrix.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './checks/types.ts';
import { loadVectorFiles } from './checks/vectors.ts';
import type { Requirement } from './spec-index.ts';
import { allChecks } from './suite.ts';

export type CoverKind = 'vector' | 'property' | 'scenario' | 'broker' | 'peer' | 'interop' | 'test';
export interface Cover {
  kind: CoverKind;
  id: string;
}

const ROOT = new URL('../', import.meta.url).pathname;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Titles of uvu tests: `test('...')`, `suite('...')` style calls whose title holds [ID] tags. */
export function testTitles(): { file: string; title: string; ids: string[] }[] {
  const out: { file: string; title: string; ids: string[] }[] = [];
  for (const file of walk(join(ROOT, 'tests')).filter((f) => f.endsWith('.test.ts'))) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b(?:test|it)(?:\.only)?\(\s*(['"`])((?:(?!\1).)*)\1/g)) {
      const title = m[2]!;
      const ids = [...title.matchAll(/\[([A-Z]+-\d{2,3})\]/g)].map((x) => x[1]!);
      if (ids.length) out.push({ file: file.slice(ROOT.length), title, ids });
    }
  }
  return out;
}

/** Suites with their own CLI (broker, peer mode, interop), loaded on demand: they need network modules. */
async function extraChecks(): Promise<{ kind: CoverKind; checks: readonly Pick<Check, 'id' | 'covers'>[] }[]> {
  const { BROKER_CHECKS } = await import('./broker/checks.ts');
  const { PEER_CHECKS } = await import('./peer/suite.ts');
  const { ALL_CASES } = await import('./interop/cases.ts');
  return [
    { kind: 'broker', checks: BROKER_CHECKS },
    { kind: 'peer', checks: PEER_CHECKS },
    { kind: 'interop', checks: ALL_CASES.map((c) => ({ id: `interop.${c.id}`, covers: c.covers })) },
  ];
}

export async function collectCoverage(reqs: Map<string, Requirement>): Promise<{ covers: Map<string, Cover[]>; unknown: string[] }> {
  const covers = new Map<string, Cover[]>();
  const unknown: string[] = [];
  const add = (req: string, c: Cover) => {
    if (!reqs.has(req)) unknown.push(`${c.kind} ${c.id} names unknown requirement ${req}`);
    (covers.get(req) ?? covers.set(req, []).get(req)!).push(c);
  };
  for (const f of loadVectorFiles()) for (const g of f.groups) for (const t of g.tests) for (const r of t.covers) add(r, { kind: 'vector', id: t.id });
  for (const c of allChecks(reqs).filter((c) => c.kind !== 'vector')) for (const r of c.covers) add(r, { kind: c.kind, id: c.id });
  for (const { kind, checks } of await extraChecks()) for (const c of checks) for (const r of c.covers) add(r, { kind, id: c.id });
  for (const t of testTitles()) for (const r of t.ids) add(r, { kind: 'test', id: `${t.file}: ${t.title}` });
  return { covers, unknown };
}
