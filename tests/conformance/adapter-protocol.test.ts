// The harness enforces the adapter protocol (spec/10-adapter-protocol.md): every misbehaviour is
// reported as the right outcome, never as a pass and never as a wrong-answer verdict.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fake, run } from './helpers.ts';

const ALPHABET = 'sas.code.table';

test('[ADP-03] [ADP-04] a well-behaved adapter passes the check it supports', async () => {
  const [r] = await run(fake('good'), [ALPHABET]);
  assert.is(r?.outcome, 'pass');
});

test('[ADP-07] an op the adapter does not implement is unsupported, not a failure', async () => {
  const results = await run(fake('good'), ['token.valid.basic', 'idtoken.valid.basic']);
  assert.equal(results.map((r) => r.outcome), ['unsupported', 'unsupported']);
});

test('[ADP-01] a line that is not JSON, or a log line on stdout, makes the check errored', async () => {
  assert.is((await run(fake('garbage'), [ALPHABET]))[0]?.outcome, 'errored');
  assert.is((await run(fake('stdout-log'), [ALPHABET]))[0]?.outcome, 'errored');
});

test('[ADP-02] [ADP-04] a response with another seq is errored', async () => {
  const [r] = await run(fake('wrong-seq'), [ALPHABET]);
  assert.is(r?.outcome, 'errored');
  assert.match(r?.message ?? '', /seq/);
});

test('[ADP-09] a crash, a timeout and a reported internal error are errored; stderr is shown', async () => {
  const [crash] = await run(fake('crash'), [ALPHABET]);
  assert.is(crash?.outcome, 'errored');
  assert.match(crash?.message ?? '', /simulated crash/);
  assert.is((await run(fake('silent'), [ALPHABET]))[0]?.outcome, 'errored');
  const [e] = await run(fake('errored'), [ALPHABET]);
  assert.is(e?.outcome, 'errored');
  assert.match(e?.message ?? '', /simulated internal error/);
});

test('[ADP-05] output members beyond the op definition fail, unless they start with x-', async () => {
  const [extra] = await run(fake('extra-member'), [ALPHABET]);
  assert.is(extra?.outcome, 'fail');
  assert.is(extra?.failedRequirement, 'ADP-05');
  assert.is((await run(fake('x-member'), [ALPHABET]))[0]?.outcome, 'pass');
});

test('[ADP-05] x- members are ignored at the top level of an output only', async () => {
  const { outputEqual } = await import('../../conformance/compare.ts');
  assert.ok(outputEqual({ state: { a: 1 } }, { state: { a: 1 }, 'x-debug': { b: 2 } }));
  assert.not.ok(outputEqual({ state: { a: 1 } }, { state: { a: 1, 'x-debug': 2 } }));
  assert.not.ok(outputEqual({ list: [{ a: 1 }] }, { list: [{ a: 1, 'x-n': 0 }] }));
});

test('[ADP-06] a rejection with another error code fails and names both codes', async () => {
  const [r] = await run(fake('wrong-code'), [ALPHABET]);
  assert.is(r?.outcome, 'fail');
  const neg = await run(fake('wrong-code'), ['token.structure.two-dots']);
  assert.is(neg[0]?.outcome, 'fail');
  assert.match(neg[0]?.message ?? '', /token\.malformed.*token\.bad-encoding/);
});

test('[ADP-03] an adapter that refuses protocol version 1 cannot be started', async () => {
  const impl = fake('refuse-version');
  let error = '';
  try {
    await impl.start();
  } catch (e) {
    error = (e as Error).message;
  }
  await impl.stop();
  assert.match(error, /refused start: v2 only/);
});

test('[ADP-10] an adapter that ignores stop is killed after 2 s', async () => {
  const impl = fake('stubborn');
  await impl.start();
  const t0 = Date.now();
  await impl.stop();
  const ms = Date.now() - t0;
  assert.ok(ms >= 1900 && ms < 4000, `stop took ${ms} ms`);
});

test('[ADP-04] --validate-protocol reports a response that breaks the message schema', async () => {
  const violations: string[] = [];
  const [r] = await run(fake('bad-shape', { validateProtocol: true, onViolation: (m) => violations.push(m) }), [ALPHABET]);
  assert.is(r?.outcome, 'errored');
  assert.is(violations.length, 1);
  assert.match(violations[0]!, /sas\.alphabet/);
});

test.run();
