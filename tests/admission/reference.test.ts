// The reference passes the admission profile, in process and through the stdio adapter with every
// message checked against the protocol schema, and the door scenarios of the presence profile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessReference } from '../../conformance/impl/in-process.ts';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';
import { run } from '../conformance/helpers.ts';

const BIN = new URL('../../bin/kibitz-reference.mjs', import.meta.url).pathname;
const notPass = (rs: { id: string; outcome: string; message?: string }[]) => rs.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);

test('in process: every admission check passes against the reference', async () => {
  const results = await run(new InProcessReference(), [], [], ['admission']);
  assert.ok(results.length >= 300, `${results.length} checks`);
  assert.equal(notPass(results), []);
  assert.ok(results.filter((r) => r.kind === 'property').length >= 15, 'the properties ran');
});

test('in process: every gate-mode scenario passes', async () => {
  const results = await run(new InProcessReference(), ['presencegates'], [], ['presence']);
  assert.ok(results.length >= 30, `${results.length} checks`);
  assert.equal(notPass(results), []);
});

test('[ADP-04] [ADP-06] [ADP-08] through stdio: kibitz-reference passes the admission vectors with no protocol violation', async () => {
  const violations: string[] = [];
  const impl = new StdioImplementation(`node ${BIN}`, { validateProtocol: true, onViolation: (m) => violations.push(m) });
  const results = await run(impl, ['admission', 'admissionlink', 'admissiongate'], [], ['admission']);
  assert.ok(results.length >= 250, `${results.length} checks`);
  assert.equal(notPass(results), []);
  assert.equal(violations, []);
});

test.run();
