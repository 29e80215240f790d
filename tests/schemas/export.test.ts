// The exported plane bundles (schemas/json/*.schema.json): fresh, standalone, strict-Ajv clean,
// described field by field, and using only keywords the reference fault finder implements.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { schemaId } from '../../schemas/src/ids.ts';
import { SUPPORTED_KEYWORDS } from '../../reference/messages/fault.ts';
import { PLANES, readBundle, strictAjv } from './ajv.ts';

type Node = Record<string, unknown>;

/** Every subschema of a bundle with the JSON path that reaches it. */
function* subschemas(node: unknown, where: string): Generator<[string, Node]> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  const s = node as Node;
  yield [where, s];
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' || k === '$defs') {
      for (const [name, child] of Object.entries(v as Node)) yield* subschemas(child, `${where}/${k}/${name}`);
    } else if (k === 'anyOf') {
      for (const [i, child] of (v as unknown[]).entries()) yield* subschemas(child, `${where}/anyOf/${i}`);
    } else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) {
      yield* subschemas(v, `${where}/${k}`);
    }
  }
}

test('[MSG-01] every plane bundle is a standalone 2020-12 document with a stable $id', () => {
  assert.equal(PLANES, ['signaling', 'presence', 'signed', 'dataplane']);
  for (const plane of PLANES) {
    const b = readBundle(plane);
    assert.is(b.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.is(b.$id, schemaId(plane));
    assert.is(b.$id, `urn:kibitz:kbz-v1:${plane}`);
    for (const [where, s] of subschemas(b, '')) {
      if (typeof s.$ref === 'string') {
        assert.match(s.$ref, /^#\/\$defs\/[A-Za-z]+$/, `${plane}${where}: non-local $ref`);
        assert.ok(b.$defs[s.$ref.slice(8)], `${plane}${where}: dangling ${s.$ref}`);
      }
    }
  }
});

test('[MSG-01] every definition compiles under Ajv 2020 strict mode, standalone and resolved by $id', () => {
  for (const plane of PLANES) {
    const alone = new Ajv2020({ strict: true });
    alone.addSchema(readBundle(plane)); // one bundle by itself must resolve: no cross-file refs
    for (const name of Object.keys(readBundle(plane).$defs)) assert.ok(alone.getSchema(`${schemaId(plane)}#/$defs/${name}`), `${plane}#/$defs/${name}`);
  }
  const all = strictAjv();
  assert.ok(all.getSchema(`${schemaId('presence')}#/$defs/RosterMsg`));
  // Strict mode is on: an unknown keyword is refused, so the check above means something.
  assert.throws(() => new Ajv2020({ strict: true }).compile({ type: 'string', maxLenght: 3 }), /unknown keyword/);
});

test('[MSG-39] bundles use only keywords the fault finder implements', () => {
  let seen = 0;
  for (const plane of PLANES) {
    for (const [name, def] of Object.entries(readBundle(plane).$defs)) {
      for (const [where, s] of subschemas(def, `${plane}#/$defs/${name}`)) {
        seen++;
        for (const k of Object.keys(s)) assert.ok(SUPPORTED_KEYWORDS.has(k), `${where}: keyword ${k}`);
      }
    }
  }
  assert.ok(seen > 300, `walked only ${seen} subschemas`);
});

test('[MSG-01] every definition and every member has a description', () => {
  for (const plane of PLANES) {
    const b = readBundle(plane);
    for (const [name, def] of Object.entries(b.$defs)) {
      assert.type(def.description, 'string', `${plane}#/$defs/${name} has no description`);
      for (const [where, s] of subschemas(def, `${plane}#/$defs/${name}`)) {
        for (const [member, ms] of Object.entries((s.properties ?? {}) as Record<string, Node>)) {
          assert.type(ms.description, 'string', `${where}/properties/${member} has no description`);
        }
      }
    }
  }
});

test('[MSG-03] [MSG-32] only the host command payload is strict; every other object is open', () => {
  const strict: string[] = [];
  for (const plane of PLANES) {
    for (const [where, s] of subschemas(readBundle(plane), plane)) {
      if (s.type !== 'object') continue;
      if (s.additionalProperties === false) strict.push(where);
      else assert.ok(s.additionalProperties === undefined || typeof s.additionalProperties === 'object', `${where}: additionalProperties ${String(s.additionalProperties)}`);
    }
  }
  assert.equal(strict, ['signed/$defs/HostCommandPayload']);
});

test.run();
