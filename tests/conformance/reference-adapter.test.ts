// The bundled reference passes its own suite, in process and through the stdio adapter
// (kibitz-reference), and its adapter messages all match the protocol schema.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessReference } from '../../conformance/impl/in-process.ts';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';
import { run } from './helpers.ts';

const BIN = new URL('../../bin/kibitz-reference.mjs', import.meta.url).pathname;
const notPass = (rs: { id: string; outcome: string; message?: string }[]) => rs.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);

test('in process: every crypto check passes against the reference', async () => {
  const results = await run(new InProcessReference(), []);
  assert.ok(results.length > 300, `${results.length} checks`);
  assert.equal(notPass(results), []);
});

test('[ADP-01] [ADP-02] [ADP-03] [ADP-04] [ADP-06] [ADP-08] [ADP-10] through stdio: kibitz-reference passes with no protocol violation', async () => {
  const violations: string[] = [];
  const impl = new StdioImplementation(`node ${BIN}`, { validateProtocol: true, onViolation: (m) => violations.push(m) });
  const results = await run(impl, []);
  assert.ok(results.length > 300);
  assert.equal(notPass(results), []);
  assert.equal(violations, []);
});

test('[ADP-08] the reference answers input.invalid for input of the wrong shape', async () => {
  const impl = new StdioImplementation(`node ${BIN}`);
  await impl.start();
  const r = await impl.run('sas.code', { fpA: 1, fpB: 'x' });
  await impl.stop();
  // The message is free text (ADP-04); it names the member that failed the op's input schema.
  assert.ok('ok' in r && !r.ok && r.error.code === 'input.invalid', JSON.stringify(r));
  assert.match((r as { error: { message: string } }).error.message, /fpA/);
});

test('[ADP-11] the reference answers a line that is not a request with adapter.bad-request', async () => {
  const { answer } = await import('../../reference/adapter/stdio.ts');
  assert.equal((await answer('not json')).reply, { ok: false, error: { code: 'adapter.bad-request', message: 'the line is not JSON' } });
  assert.equal((await answer('{"cmd":"dance","seq":3}')).reply, { seq: 3, ok: false, error: { code: 'adapter.bad-request', message: 'unknown cmd "dance"' } });
  assert.is((await answer('{"cmd":"stop"}')).stop, true);
  assert.equal((await answer('{"cmd":"run","seq":0,"op":"room.normalize","input":{}}')).reply, { seq: 0, ok: false, error: { code: 'adapter.bad-request', message: 'run needs a positive integer seq, a string op and an object input' } });
  assert.equal((await answer('{"cmd":"run","seq":2,"op":"room.normalize","input":[]}')).reply, { seq: 2, ok: false, error: { code: 'adapter.bad-request', message: 'run needs a positive integer seq, a string op and an object input' } });
  const early = await answer('{"cmd":"run","seq":1,"op":"room.normalize","input":{"name":"A"}}');
  assert.equal(early.reply, { seq: 1, ok: true, output: { room: 'a' } }, 'a run before start is answered');
  // The answer echoes a `seq` member unchanged, whatever its value, and has none when the line has none.
  const bad = 'run needs a positive integer seq, a string op and an object input';
  for (const seq of ['"2"', 'null', '2.5', '-1']) {
    assert.equal((await answer(`{"cmd":"run","seq":${seq},"op":"room.normalize","input":{}}`)).reply, { seq: JSON.parse(seq), ok: false, error: { code: 'adapter.bad-request', message: bad } }, seq);
  }
  assert.equal((await answer('{"cmd":"run","op":"room.normalize","input":{}}')).reply, { ok: false, error: { code: 'adapter.bad-request', message: bad } });
  assert.is((await answer('   ')).reply.hasOwnProperty('seq'), false, 'a blank line is a line that is not a JSON object');
  assert.equal(((await answer('')).reply as { error: { code: string } }).error.code, 'adapter.bad-request');
});

test('[ADP-04] a seq is read by its value: 1.0 and 1e0 are the positive integer 1', async () => {
  const { answer } = await import('../../reference/adapter/stdio.ts');
  for (const seq of ['1.0', '1e0']) {
    assert.equal((await answer(`{"cmd":"run","seq":${seq},"op":"room.normalize","input":{"name":"A"}}`)).reply, { seq: 1, ok: true, output: { room: 'a' } }, seq);
  }
});

test.run();
