// The vector files are generated, reproducible, schema-valid and large enough (issue: >= 150
// crypto vectors, >= 60 negative).
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validatorFor } from '../schemas/ajv.ts';
import { renderAll } from '../../scripts/gen-vectors.ts';

const dir = new URL('../../vectors/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(dir + f, 'utf8')) as { profile: string; groups: { tests: { id: string; result: string }[] }[] };

test('vectors/*.json are exactly what the generators produce (npx tsx scripts/gen-vectors.ts)', async () => {
  const rendered = await renderAll();
  assert.is(rendered.size, files.length, 'every vector file has a generator');
  for (const [path, text] of rendered) assert.ok(readFileSync(path, 'utf8') === text, `${path} is stale: run npx tsx scripts/gen-vectors.ts`);
});

test('every vector file validates against schemas/json/vector-file.schema.json (Ajv 2020, strict)', () => {
  const validate = validatorFor('vector-file');
  for (const f of files) assert.ok(validate(load(f)), `${f}: ${JSON.stringify(validate.errors)}`);
});

test('test ids are unique across all vector files', () => {
  const seen = new Set<string>();
  for (const f of files) for (const g of load(f).groups) for (const t of g.tests) {
    assert.not.ok(seen.has(t.id), `duplicate id ${t.id}`);
    seen.add(t.id);
  }
});

test('the crypto profile has at least 150 vectors, at least 60 of them negative', () => {
  const crypto = files.map(load).filter((v) => v.profile === 'crypto').flatMap((v) => v.groups.flatMap((g) => g.tests));
  const negative = crypto.filter((t) => t.result === 'invalid').length;
  assert.ok(crypto.length >= 150, `${crypto.length} crypto vectors`);
  assert.ok(negative >= 60, `${negative} negative crypto vectors`);
});

test('[TOK-06] [HCMD-03] [BIND-01] upstream golden values are reproduced', () => {
  const byId = new Map(files.map(load).flatMap((v) => v.groups.flatMap((g) => g.tests)).map((t) => [t.id, t as unknown as { expected: Record<string, unknown> }]));
  assert.equal(byId.get('certbinding.nonce.golden')?.expected, { nonce: 'jr1LLr5BsB5Y2nbZiWzrzU2SCJjNQu4GuhlOyN361zo' });
  assert.equal(byId.get('room.peer-id.golden-my-room')?.expected, { peerId: 'kbz-v1-my-room' });
  assert.equal(byId.get('room.normalize.golden-cafe')?.expected, { room: 'caf-chat' });
  assert.equal(byId.get('room.normalize.golden-50x')?.expected, { room: 'x'.repeat(40) });
});

test.run();
