// The reference adapter never crashes and answers every request line exactly once [ADP-02],
// whatever the line: broken framing, hostile JSON (deep nesting, huge strings, huge arrays), and
// every op with generated inputs of any shape. Runs serveStdio in process over a stream, so a throw
// anywhere fails the test. The seed is printed; replay with KBZ_FUZZ_SEED=<seed>.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listOps } from '../../reference/adapter/ops.ts';
import { MAX_LINE_BYTES, serveStdio } from '../../reference/adapter/stdio.ts';

const SEED = Number(process.env.KBZ_FUZZ_SEED ?? 20261121);

async function serve(lines: string[]): Promise<unknown[]> {
  const out: string[] = [];
  await serveStdio(Readable.from([Buffer.from(lines.map((l) => `${l}\n`).join(''))]), (s) => out.push(s));
  const answers = out.join('').split('\n').filter((l) => l !== '');
  return answers.map((a) => JSON.parse(a) as unknown); // every answer is one JSON line [ADP-01]
}

const deep = (n: number, open: string, close: string, inner = '0') => `${open.repeat(n)}${inner}${close.repeat(n)}`;

test('[ADP-11] [ADP-09] hostile framing: every line gets exactly one answer, nothing throws', async () => {
  const lines = [
    '',
    ' ',
    'not json',
    '{',
    '{"cmd":"run","seq":',
    '\u0000\u00ff',
    '[]',
    'null',
    '"run"',
    '1e999',
    deep(100_000, '[', ']'),
    deep(100_000, '{"a":', '}'),
    `{"cmd":"run","seq":1,"op":"sas.code","input":{"fpA":${deep(50_000, '[', ']')},"fpB":"x"}}`,
    `{"cmd":"run","seq":2,"op":"schema.validate","input":{"schema":"Voice","message":${deep(50_000, '{"a":', '}', '1')}}}`,
    JSON.stringify({ cmd: 'run', seq: 3, op: 'room.normalize', input: { name: 'x'.repeat(4 * 1024 * 1024) } }),
    JSON.stringify({ cmd: 'run', seq: 4, op: 'sas.trustStore', input: { actions: Array.from({ length: 20_000 }, () => ({ action: 'verify', name: 'n', fp: 'f' })) } }),
    JSON.stringify({ cmd: 'start', version: 1, 'x-extra': deep(1000, '[', ']') }),
    JSON.stringify({ cmd: 'run', seq: 5, op: '__proto__', input: {} }),
    JSON.stringify({ cmd: 'run', seq: 6, op: 'constructor', input: { __proto__: { polluted: true } } }),
  ];
  const answers = await serve(lines);
  assert.is(answers.length, lines.length, 'one answer per line');
  assert.equal(answers[17], { seq: 5, unsupported: true });
  assert.equal(answers[18], { seq: 6, unsupported: true });
});

test('[ADP-13] a line longer than the bound is answered adapter.bad-request and the next line is served', async () => {
  const out: string[] = [];
  const huge = Buffer.alloc(MAX_LINE_BYTES + 10, 0x61);
  const chunks = [Buffer.from('{"cmd":"run","seq":1,"op":"x","input":{"s":"'), huge, Buffer.from('"}}\n{"cmd":"run","seq":2,"op":"x","input":{}}\n')];
  await serveStdio(Readable.from(chunks), (s) => out.push(s));
  const answers = out.join('').trim().split('\n').map((l) => JSON.parse(l) as { seq?: number; error?: { code: string } });
  assert.is(answers.length, 2);
  assert.is(answers[0]?.error?.code, 'adapter.bad-request');
  assert.equal(answers[1], { seq: 2, unsupported: true });
});

test('[ADP-09] [ADP-08] every op, generated inputs of any shape: one answer each, never a crash', async () => {
  const ops = listOps();
  assert.ok(ops.length >= 20, `${ops.length} ops`);
  // Inputs are built as JSON text: a value nested 20 000 deep cannot go through JSON.stringify.
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => deep(n, '[', ']')) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => deep(n, '{"a":', '}', 'null')) },
    { weight: 1, arbitrary: fc.constantFrom(JSON.stringify('x'.repeat(300_000)), '-0', '1e308', '-1e308', String(2 ** 53 + 2), '"\\ud800"', '"\\u0000"') },
  );
  const key = fc.constantFrom('name', 'fp', 'fpA', 'fpB', 'token', 'publicJwk', 'privateJwk', 'jwt', 'jwks', 'room', 'now', 'commands', 'session', 'event', 'role', 'config', 'schema', 'message', 'actions', 'steps', 'value', 'bytes', 'symbols');
  const input = fc.uniqueArray(fc.tuple(key, value), { maxLength: 8, selector: ([k]) => k }).map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  let lines = 0;
  const t0 = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...ops), input), { minLength: 1, maxLength: 12 }), async (calls) => {
      const reqs = calls.map(([op, inp], i) => `{"cmd":"run","seq":${i + 1},"op":${JSON.stringify(op)},"input":${inp}}`);
      lines += reqs.length;
      const answers = (await serve(reqs)) as { seq?: number }[];
      return answers.length === reqs.length && answers.every((a, i) => a.seq === i + 1);
    }),
    { seed: SEED, numRuns: 60 },
  ).catch((e: Error) => {
    throw new Error(`${e.message.slice(0, 2000)}\nreplay: KBZ_FUZZ_SEED=${SEED} node scripts/test.mjs tests/conformance reference-stdio-fuzz`);
  });
  assert.ok(lines > 100, `${lines} requests in ${Date.now() - t0} ms (seed ${SEED})`);
});

test.run();
