// The independent second implementation (implementations/python, written from the spec text
// alone) passes the whole crypto profile through the stdio adapter protocol, with every message
// valid against the adapter-protocol schema.
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';
import { run } from './helpers.ts';

const PYTHON = '/usr/bin/python3';
const ADAPTER = new URL('../../implementations/python/adapter.py', import.meta.url).pathname;

test('[ADP-03] kibitz-py (Python, spec-only) passes every crypto check with no protocol violation', async () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const violations: string[] = [];
  const impl = new StdioImplementation(`${PYTHON} ${ADAPTER}`, { validateProtocol: true, onViolation: (m) => violations.push(m), timeoutMs: 20_000 });
  const results = await run(impl, []);
  const bad = results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);
  assert.ok(results.length > 340, `${results.length} checks`);
  assert.equal(bad, []);
  assert.equal(violations, []);
});

test.run();
