// schemas/json/ is exactly what `npm run schemas` writes, and every document compiles under
// Ajv 2020 strict mode.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Ajv2020 from 'ajv/dist/2020.js';
import { renderAllSchemas } from '../../scripts/export-schemas.ts';

test('schemas/json/ is up to date (npm run schemas)', () => {
  for (const [path, text] of renderAllSchemas()) assert.ok(readFileSync(path, 'utf8') === text, `${path} is stale: run npm run schemas`);
});

test('every exported schema compiles under Ajv 2020 strict', () => {
  const Ajv = (Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020;
  const ajv = new (Ajv as unknown as new (o: object) => { compile: (s: object) => unknown; addSchema: (s: object) => void })({ strict: true });
  for (const [path, text] of renderAllSchemas()) {
    try {
      ajv.compile(JSON.parse(text) as object);
    } catch (e) {
      assert.unreachable(`${path}: ${(e as Error).message}`);
    }
  }
});

test.run();
