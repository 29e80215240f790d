// The traceability gate: every requirement has a covering vector, check or test, nothing names
// an unknown requirement, and spec/requirements.json and spec/traceability.md are current.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { render } from '../../scripts/traceability.ts';

test('every requirement is covered and the generated matrix is current (npm run trace)', async () => {
  const { json, md, problems } = await render();
  assert.equal(problems, [], problems.join('\n'));
  assert.ok(readFileSync(new URL('../../spec/requirements.json', import.meta.url), 'utf8') === json, 'spec/requirements.json is stale: run npm run trace');
  assert.ok(readFileSync(new URL('../../spec/traceability.md', import.meta.url), 'utf8') === md, 'spec/traceability.md is stale: run npm run trace');
});

test.run();
