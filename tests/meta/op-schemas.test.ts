// The op contracts (schemas/src/ops/) agree with what the vectors send and expect, export as one
// resolvable JSON Schema document, and the vector files' `$schema` resolves to the vector-file
// schema. The op tables of the chapters are checked by tests/meta/spec.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { OP_SCHEMAS, opSchema, validateOpInput, validateOpOutput } from '../../schemas/src/ops/index.ts';
import { schemaId } from '../../schemas/src/ids.ts';

const VECTORS = new URL('../../vectors/', import.meta.url).pathname;
type T = { id: string; op: string; input: Record<string, unknown>; result: string; error?: string; expected?: unknown };
const vectorFiles = readdirSync(VECTORS).filter((f) => f.endsWith('.json'));
const tests = (): T[] =>
  vectorFiles.flatMap((f) => (JSON.parse(readFileSync(VECTORS + f, 'utf8')) as { groups: { tests: T[] }[] }).groups.flatMap((g) => g.tests));

/** input.invalid cases a JSON Schema cannot state, checked here by their own rule. */
const SEMANTIC_SHAPE_RULES: Record<string, (input: Record<string, unknown>) => boolean> = {
  // [PRES-55] a step earlier than start or than the previous step
  'presence.scenario': (i) => {
    let last = Number(i.start);
    for (const s of (i.steps as { at: number }[]) ?? []) {
      if (s.at < last) return true;
      last = s.at;
    }
    return false;
  },
};

test('[ADP-08] every vector input that does not expect input.invalid has its op\'s input shape', () => {
  const wrong: string[] = [];
  for (const t of tests()) {
    if (t.result === 'invalid' && t.error === 'input.invalid') continue;
    const v = validateOpInput(t.op, t.input);
    if (v && !v.ok) wrong.push(`${t.id}: ${v.errors.join('; ')}`);
  }
  assert.equal(wrong, []);
});

/** Profiles whose contracts state every shape rule the reference applies (the rest may still lean on
 *  their handlers for some input.invalid cases). */
const COMPLETE_PROFILES = new Set(['crypto', 'schemas', 'presence']);

test('[ADP-08] in the crypto, schemas and presence profiles every input.invalid vector fails its op\'s input schema', () => {
  const wrong: string[] = [];
  for (const t of tests()) {
    if (t.result !== 'invalid' || t.error !== 'input.invalid') continue;
    const s = opSchema(t.op);
    if (!s || !COMPLETE_PROFILES.has(s.profile)) continue;
    const v = validateOpInput(t.op, t.input)!;
    if (v.ok && !(SEMANTIC_SHAPE_RULES[t.op]?.(t.input) ?? false)) wrong.push(`${t.id}: expects input.invalid, but the input schema accepts it`);
  }
  assert.equal(wrong, []);
});

test('[ADP-05] every expected output of a valid vector has its op\'s output shape; x- members are ignored', () => {
  const wrong: string[] = [];
  for (const t of tests()) {
    if (t.result !== 'valid') continue;
    const v = validateOpOutput(t.op, t.expected);
    if (v && !v.ok) wrong.push(`${t.id}: ${v.errors.join('; ')}`);
  }
  assert.equal(wrong, []);
  assert.equal(validateOpOutput('room.normalize', { room: 'a', 'x-debug': 1 }), { ok: true });
  assert.equal(validateOpOutput('room.normalize', { room: 'a', extra: 1 })?.ok, false);
});

test('every op a vector uses has a contract (schemas/src/ops/<profile>.ts), and every contract lists only codes of the form area.code', () => {
  const missing = [...new Set(tests().map((t) => t.op))].filter((op) => !opSchema(op));
  assert.equal(missing, []);
  for (const s of OP_SCHEMAS) for (const c of s.errors) assert.match(c, /^[a-z]+\.[a-z0-9-]+$/, `${s.op}: ${c}`);
});

test('every vector that expects an error names a code its op lists (or input.invalid)', () => {
  const wrong = tests()
    .filter((t) => t.result === 'invalid' && t.error !== 'input.invalid')
    .filter((t) => opSchema(t.op) !== undefined && !opSchema(t.op)!.errors.includes(t.error!))
    .map((t) => `${t.id}: ${t.error} is not in the contract of ${t.op}`);
  assert.equal(wrong, []);
});

test('schemas/json/ops.schema.json resolves every op contract by id under Ajv 2020 strict', () => {
  const ajv = new Ajv2020({ strict: true });
  ajv.addSchema(JSON.parse(readFileSync(new URL('../../schemas/json/ops.schema.json', import.meta.url), 'utf8')) as object);
  for (const s of OP_SCHEMAS) {
    for (const part of ['input', 'output']) {
      const v = ajv.getSchema(`${schemaId('ops')}#/$defs/${s.op}.${part}`);
      assert.ok(v, `${s.op}.${part} does not resolve`);
    }
  }
  const code = ajv.getSchema(`${schemaId('ops')}#/$defs/sas.code.input`)!;
  assert.ok(code({ fpA: 'a', fpB: 'b' }));
  assert.not.ok(code({ fpA: 'a' }));
});

test('every vector file\'s $schema resolves to the vector-file schema', () => {
  for (const f of vectorFiles) {
    const ref = (JSON.parse(readFileSync(VECTORS + f, 'utf8')) as { $schema: string }).$schema;
    const path = resolve(dirname(VECTORS + f), ref);
    assert.ok(existsSync(path), `${f}: $schema ${ref} does not exist`);
    assert.is((JSON.parse(readFileSync(path, 'utf8')) as { $id: string }).$id, schemaId('vector-file'), `${f}: $schema is not the vector-file schema`);
  }
});

test.run();
