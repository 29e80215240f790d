// The interop runner's plan and reports, without a network: every ordered pair (the diagonal too)
// and a trio; failures named with case, stacks and requirement in every rendering; the JSON report
// matches its published schema. The live matrix is `npm run interop` (tests/interop/run-matrix.ts).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { InteropReport } from '../../schemas/src/interop-report.ts';
import { ALL_CASES, PAIR_CASES, TRIO_CASES } from '../../conformance/interop/cases.ts';
import { renderHtml, renderMarkdown, renderTerminal } from '../../conformance/interop/render.ts';
import { plan } from '../../conformance/interop/run.ts';
import type { Stack } from '../../conformance/interop/stacks.ts';

const stacks = (...names: string[]) => names.map((name) => ({ name }) as Stack);

test('[ADP-47] every pair case runs for every ordered pair, the diagonal included, and the trio cases once', () => {
  const three = plan({ stacks: stacks('node', 'chromium', 'python'), cases: ALL_CASES });
  assert.is(three.length, PAIR_CASES.length * 9 + TRIO_CASES.length);
  const claim = three.filter((j) => j.c.id === 'claim-join').map((j) => j.stacks.map((s) => s.name).join('>'));
  assert.equal(claim, ['node>node', 'node>chromium', 'node>python', 'chromium>node', 'chromium>chromium', 'chromium>python', 'python>node', 'python>chromium', 'python>python']);
  assert.equal(three.find((j) => j.c.id === 'trio.converge')!.stacks.map((s) => s.name), ['node', 'chromium', 'python']);
  // Two stacks: the trio takes them in turn.
  assert.equal(plan({ stacks: stacks('node', 'chromium'), cases: TRIO_CASES })[0]!.stacks.map((s) => s.name), ['node', 'chromium', 'node']);
  assert.equal(plan({ stacks: stacks('a', 'b'), cases: PAIR_CASES, pairs: ['b>a'] }).map((j) => j.stacks.map((s) => s.name).join('>')), PAIR_CASES.map(() => 'b>a'));
});

const report: InteropReport = {
  $schema: 'urn:kibitz:kbz-v1:interop-report',
  suite: { name: 'kibitz-conformance', version: '0.0.0' },
  spec: { version: '0.2.0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1234,
  broker: 'peer 1.0.2 on loopback',
  stacks: [
    { name: 'node', command: 'node bin/kibitz-reference.mjs --peer', status: 'ran', implementation: { name: 'kibitz-reference', version: '0.0.0', language: 'typescript' } },
    { name: 'python', command: 'python3 peer.py', status: 'missing', reason: 'no peer program' },
  ],
  cases: ALL_CASES.slice(0, 3).map(({ id, kind, covers, description }) => ({ id, kind, covers, description })),
  results: [
    { case: 'claim-join', kind: 'pair', stacks: ['node', 'node'], outcome: 'pass', covers: ['PRES-45'], durationMs: 900 },
    {
      case: 'safety-code',
      kind: 'pair',
      stacks: ['node', 'node'],
      outcome: 'fail',
      covers: ['SAS-05'],
      requirement: 'SAS-05',
      message: 'the two ends of one connection show different codes',
      expected: { coordinator: '🦊 🐝 🌵 🚀' },
      actual: { participant: '🐡 🦉 🌈 🍀' },
      transcript: [{ at: 12, peer: 'second (node)', dir: 'out', remote: 'kbz-v1-x', value: { t: 'voice', on: true }, size: 40 }],
      durationMs: 2000,
    },
  ],
  summary: { pass: 1, fail: 1, errored: 0, unsupported: 0 },
  exitCode: 1,
};

test('[ADP-48] [ADP-49] a failure is named by case, stacks and requirement in the table, markdown and HTML; the JSON matches its schema', () => {
  const term = renderTerminal(report);
  assert.match(term, /safety-code\s+FAIL/);
  assert.match(term, /FAIL safety-code \[node > node\] breaks SAS-05/);
  assert.match(term, /second \(node\)\s+-> kbz-v1-x/);
  assert.match(term, /missing stack python: no peer program/);
  assert.match(renderMarkdown(report), /\| `safety-code` \| ❌ SAS-05 \|/);
  const html = renderHtml(report);
  assert.match(html, /<td class="fail"><a href="#f-safety-code-node_node">FAIL<br><small>SAS-05<\/small><\/a><\/td>/);
  assert.ok(html.includes('id="f-safety-code-node_node"'));
  const schema = JSON.parse(readFileSync(new URL('../../schemas/json/interop-report.schema.json', import.meta.url), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(report), JSON.stringify(validate.errors));
  assert.not.ok(validate({ ...report, exitCode: 2 }));
});

test.run();
