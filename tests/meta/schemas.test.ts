// schemas/json/ is exactly what `npm run schemas` writes, and every document compiles under
// Ajv 2020 strict mode.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { renderAllSchemas } from '../../scripts/export-schemas.ts';

test('[MSG-01] schemas/json/ is up to date, every document (npm run schemas)', () => {
  for (const [path, text] of renderAllSchemas()) assert.ok(readFileSync(path, 'utf8') === text, `${path} is stale: run npm run schemas`);
});

test('every exported schema compiles under Ajv 2020 strict', () => {
  const ajv = new Ajv2020({ strict: true });
  for (const [path, text] of renderAllSchemas()) {
    try {
      ajv.compile(JSON.parse(text) as object);
    } catch (e) {
      assert.unreachable(`${path}: ${(e as Error).message}`);
    }
  }
});

test.run();
