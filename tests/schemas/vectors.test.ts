// vectors/schemas.json against three independent judges: the adapter op (reference decoder), the
// compiled TypeBox validator, and Ajv over the exported JSON. All must give the vector's verdict.
// Also: the file is fresh, every definition has an example, and broken schema variants are caught.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runOp } from '../../reference/adapter/ops.ts';
import { resolveSchemaName } from '../../reference/messages/catalog.ts';
import { decodeWith } from '../../reference/messages/decode.ts';
import { MSG_ERROR_CODES } from '../../reference/messages/codes.ts';
import { buildFile } from '../../vectors/gen/lib.ts';
import { schemaVectors } from '../../vectors/gen/schemas.ts';
import type { VectorFile, VectorTest } from '../../schemas/src/vector-file.ts';
import { schemaId } from '../../schemas/src/ids.ts';
import { ajvValidators, PLANES, readBundle, type Bundle } from './ajv.ts';

const FILE = new URL('../../vectors/schemas.json', import.meta.url);
const file = JSON.parse(readFileSync(FILE, 'utf8')) as VectorFile;
const tests: VectorTest[] = file.groups.flatMap((g) => g.tests);
const ajv = ajvValidators();
const refKey = (schema: string) => {
  const e = resolveSchemaName(schema);
  if (!e) throw new Error(`unresolvable ${schema}`);
  return { entry: e, key: `${e.plane}#/$defs/${e.name}` };
};
const input = (t: VectorTest) => t.input as { schema: string; message: unknown };

test('[MSG-41] vectors/schemas.json is what vectors/gen/schemas.ts generates (run npx tsx scripts/gen-vectors.ts)', async () => {
  const built = await buildFile(schemaVectors);
  assert.ok(JSON.stringify(built, null, 2) + '\n' === readFileSync(FILE, 'utf8'), 'vectors/schemas.json is stale');
  assert.is(file.profile, 'schemas');
  assert.ok(tests.length >= 200, `${tests.length} vectors`);
  assert.ok(tests.every((t) => t.op === 'schema.validate'));
});

test('[MSG-41] [MSG-39] [MSG-40] [MSG-05] the adapter op gives every vector its verdict, code and pointer', async () => {
  for (const t of tests) {
    const out = await runOp(t.op, t.input as never);
    if (t.result === 'valid') {
      assert.equal(out, { ok: true, output: t.expected }, t.id);
      assert.equal(t.expected, { valid: true }, t.id);
    } else {
      assert.ok('ok' in out && !out.ok, `${t.id}: accepted`);
      if ('ok' in out && !out.ok) assert.is(out.error.code, t.error, t.id);
      const { entry } = refKey(input(t).schema);
      const r = decodeWith(entry, input(t).message);
      assert.ok(!r.ok && r.error.path === (t.intermediates as { path: string }).path, `${t.id}: pointer`);
      assert.ok(!r.ok && r.error.message.includes(`(at "${r.error.path}")`), `${t.id}: message names the pointer [MSG-40]`);
    }
  }
});

test('[MSG-01] TypeBox and Ajv (strict, over the exported JSON) agree with every vector', () => {
  for (const t of tests) {
    const { entry, key } = refKey(input(t).schema);
    const want = t.result === 'valid';
    assert.is(entry.check(input(t).message), want, `${t.id}: TypeBox`);
    assert.is(ajv.get(key)!(input(t).message), want, `${t.id}: Ajv`);
  }
});

test('[MSG-39] every invalid vector names a code from the Errors table', () => {
  const codes: ReadonlySet<string> = new Set(MSG_ERROR_CODES);
  const used = new Set<string>();
  for (const t of tests) if (t.result === 'invalid') {
    assert.ok(codes.has(t.error), `${t.id}: ${t.error}`);
    used.add(t.error);
  }
  assert.equal([...used].sort(), [...codes].sort(), 'every msg.* code has at least one vector');
});

test('[MSG-01] every definition of every plane has a valid example among the vectors', () => {
  const samples: unknown[] = [];
  const collect = (v: unknown) => {
    samples.push(v);
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const t of tests) if (t.result === 'valid') collect(input(t).message);
  for (const plane of PLANES) {
    for (const name of Object.keys(readBundle(plane).$defs)) {
      const check = ajv.get(`${plane}#/$defs/${name}`)!;
      assert.ok(samples.some((s) => check(s)), `no valid example of ${plane}#/$defs/${name}`);
    }
  }
});

// ---- the suite catches broken schemas ----------------------------------------------------------

type Mutant = { name: string; mutate: (s: Record<string, unknown>) => void };
const MUTANTS: Mutant[] = [
  { name: 'optional members may not be null (forgot BinaryPack nil)', mutate: (s) => {
    const any = s.anyOf as Record<string, unknown>[] | undefined;
    if (any?.length === 2 && any[1]?.type === 'null' && typeof any[0]?.type === 'string' && any[0].type !== 'integer') { delete s.anyOf; Object.assign(s, any[0]); }
  } },
  { name: 'no length limits', mutate: (s) => { delete s.maxLength; } },
  { name: 'every object strict', mutate: (s) => { if (s.type === 'object' && s.additionalProperties === undefined) s.additionalProperties = false; } },
  { name: 'host command payload open', mutate: (s) => { if (s.additionalProperties === false) delete s.additionalProperties; } },
  { name: 'unknown discriminators accepted', mutate: (s) => { if (Array.isArray(s.anyOf) && (s.anyOf as { $ref?: string }[])[0]?.$ref) (s.anyOf as unknown[]).push({ type: 'object' }); } },
  { name: 'enums unchecked', mutate: (s) => { delete s.enum; } },
];

function mutateAll(node: unknown, m: Mutant): void {
  if (Array.isArray(node)) node.forEach((n) => mutateAll(n, m));
  else if (node && typeof node === 'object') {
    m.mutate(node as Record<string, unknown>);
    Object.values(node).forEach((n) => mutateAll(n, m));
  }
}

test('[MSG-41] each deliberately broken schema variant fails at least one vector', () => {
  for (const m of MUTANTS) {
    const broken = new Ajv2020({ strict: false });
    for (const plane of PLANES) {
      const b = JSON.parse(JSON.stringify(readBundle(plane))) as Bundle;
      mutateAll(b.$defs, m);
      broken.addSchema(b);
    }
    const caught = tests.filter((t) => {
      const { key } = refKey(input(t).schema);
      const [plane, name] = key.split('#/$defs/') as [string, string];
      return broken.getSchema(`${schemaId(plane)}#/$defs/${name}`)!(input(t).message) !== (t.result === 'valid');
    });
    assert.ok(caught.length > 0, `mutant "${m.name}" survives every vector`);
  }
});

test.run();
