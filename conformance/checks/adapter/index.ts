// The `adapter` profile: the rules of the adapter protocol itself (spec/10-adapter-protocol.md
// ADP-01..ADP-12), checked against the adapter under test over raw stdio sessions, one fresh
// process per check. Here the adapter's behaviour is the subject, so a crash or a stray line is a
// verdict about the rule it breaks, not an `errored` check. Only `cmd:` adapters have stdio; for
// in-process and `module:` implementations the profile is never selected.
import type { JsonObject } from '../../lib/json.ts';
import type { Implementation } from '../../impl/types.ts';
import type { Check, CheckContext, RawResult } from '../types.ts';
import { isJsonLine, RawSession, type Line } from './session.ts';

const NO_SUCH_OP = 'x-kibitz-conformance.no-such-op';

type Fail = Extract<RawResult, { status: 'fail' }>;
const fail = (requirement: string, message: string, expected?: unknown, actual?: unknown): Fail => ({
  status: 'fail',
  requirement,
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(actual !== undefined ? { actual } : {}),
});
const shown = (l: Line): unknown => ('json' in l ? l.json : 'notJson' in l ? l.text.slice(0, 300) : `(${l.none}: ${l.detail})`);

type Guard = { Check(v: unknown): boolean };
let compiled: { start: Guard; run: Guard; bad: Guard } | null = null;
/** The message schemas, compiled when the first adapter check runs (TypeBox is costly to load). */
async function loadSchemas(): Promise<void> {
  if (compiled) return;
  const [{ Compile }, p] = await Promise.all([import('typebox/compile'), import('../../../schemas/src/adapter-protocol.ts')]);
  compiled = { start: Compile(p.StartOk), run: Compile(p.RunResponse), bad: Compile(p.BadRequest) };
}
const schemas = () => compiled!;

/** Null when `l` is a valid bad-request answer (carrying `seq` when one is expected). */
function badRequestProblem(l: Line, seq?: number): Fail | null {
  if (!isJsonLine(l)) return fail('ADP-11', 'no adapter.bad-request answer', { ok: false, error: { code: 'adapter.bad-request', message: '…' } }, shown(l));
  const m = l.json;
  if (!schemas().bad.Check(m) || (m.error as JsonObject).code !== 'adapter.bad-request') {
    return fail('ADP-11', 'the answer is not {"ok":false,"error":{"code":"adapter.bad-request","message":…}}', { ...(seq !== undefined ? { seq } : {}), ok: false, error: { code: 'adapter.bad-request', message: '…' } }, m);
  }
  if (seq !== undefined && m.seq !== seq) return fail('ADP-11', `the answer does not carry the request's seq ${seq}`, seq, m.seq ?? null);
  return null;
}

/** Null when `l` is a valid run response to `seq`. */
function runResponseProblem(l: Line, seq: number, requirement = 'ADP-04'): Fail | null {
  if (!isJsonLine(l)) return fail(requirement, `no response to seq ${seq}`, `a response with seq ${seq}`, shown(l));
  if (!schemas().run.Check(l.json)) return fail('ADP-04', 'the response is not exactly one of ok/error/unsupported/errored with the request\'s seq', `a response with seq ${seq}`, l.json);
  if (l.json.seq !== seq) return fail('ADP-04', 'the response carries another seq', seq, l.json.seq);
  return null;
}

async function started(s: RawSession): Promise<Fail | null> {
  const l = await s.start();
  if (!isJsonLine(l) || !schemas().start.Check(l.json)) return fail('ADP-03', 'start (version 1) was not answered with ok, implementation and profiles', { ok: true, implementation: { name: '…', version: '…', language: '…' }, profiles: ['…'] }, shown(l));
  return null;
}

function adapterCheck(id: string, covers: string[], description: string, body: (s: RawSession, ctx: CheckContext) => Promise<RawResult>): Check {
  return {
    id,
    profile: 'adapter',
    kind: 'scenario',
    covers,
    description,
    async run(impl: Implementation, ctx: CheckContext): Promise<RawResult> {
      if (impl.transport !== 'cmd' || !impl.command) return { status: 'unsupported', message: 'the adapter profile needs a cmd: adapter (stdio)' };
      await loadSchemas();
      const s = new RawSession(impl.command, ctx.timeoutMs ?? 10_000);
      try {
        const r = await body(s, ctx);
        if (r.status === 'fail' && s.exited) r.message += `\n(the adapter exited: ${s.exited}${s.stderr() ? `; stderr: ${s.stderr().slice(-300)}` : ''})`;
        return r;
      } finally {
        s.close();
      }
    },
  };
}

/** Sends each line in turn and applies `judge` to each answer; the first problem wins. */
async function each(s: RawSession, lines: readonly (string | object)[], judge: (l: Line, i: number) => Fail | null): Promise<RawResult> {
  for (const [i, line] of lines.entries()) {
    const problem = judge(await s.ask(line), i);
    if (problem) return { ...problem, input: typeof line === 'string' ? line : JSON.stringify(line) };
  }
  return { status: 'pass' };
}

/** Ops of a declared profile with an input of the wrong shape, answered input.invalid (ADP-08); the first the adapter implements is used. */
const SHAPE_PROBES: Record<string, { op: string; input: JsonObject }[]> = {
  crypto: [
    { op: 'sas.code', input: { fpA: 1, fpB: 'x' } },
    { op: 'room.normalize', input: { name: 7 } },
    { op: 'fingerprint.canonical', input: { fp: 7 } },
    { op: 'certbinding.nonce', input: { fp: [] } },
  ],
  schemas: [{ op: 'schema.validate', input: { schema: 5, message: null } }],
  presence: [{ op: 'presence.step', input: { session: 5, at: 0, event: {} } }],
};

export const ADAPTER_CHECKS: Check[] = [
  adapterCheck('adapter.start.version-1', ['ADP-03'], 'start version 1 is answered ok with an implementation (name, version, language) and its profiles', async (s) => (await started(s)) ?? { status: 'pass' }),
  adapterCheck('adapter.start.unsupported-version', ['ADP-03'], 'start with a version the adapter does not speak is answered adapter.unsupported-version', async (s) => {
    const l = await s.first({ cmd: 'start', version: 9999 });
    if (isJsonLine(l) && l.json.ok === false && (l.json.error as JsonObject | undefined)?.code === 'adapter.unsupported-version' && typeof (l.json.error as JsonObject).message === 'string') return { status: 'pass' };
    return fail('ADP-03', 'start version 9999 was not refused with adapter.unsupported-version', { ok: false, error: { code: 'adapter.unsupported-version', message: '…' } }, shown(l));
  }),
  adapterCheck('adapter.start.repeated', ['ADP-11', 'ADP-03'], 'A second start is treated like any other request: answered again', async (s) => {
    const first = await started(s);
    if (first) return first;
    const again = await s.start();
    return isJsonLine(again) && schemas().start.Check(again.json) ? { status: 'pass' } : fail('ADP-11', 'a repeated start was not answered like the first', 'a start answer', shown(again));
  }),
  adapterCheck('adapter.run.before-start', ['ADP-11', 'ADP-04'], 'A run before start is answered like any other request, with its seq', async (s) => {
    const l = await s.first({ cmd: 'run', seq: 1, op: NO_SUCH_OP, input: {} });
    const p = runResponseProblem(l, 1, 'ADP-11');
    return p ? { ...p, requirement: 'ADP-11' } : { status: 'pass' };
  }),
  adapterCheck('adapter.run.unsupported-op', ['ADP-07'], 'An op the adapter does not implement is answered unsupported, not guessed', async (s) => {
    const first = await started(s);
    if (first) return first;
    const l = await s.ask({ cmd: 'run', seq: 1, op: NO_SUCH_OP, input: {} });
    return isJsonLine(l) && l.json.seq === 1 && l.json.unsupported === true && Object.keys(l.json).length === 2 ? { status: 'pass' } : fail('ADP-07', `op ${NO_SUCH_OP} was not answered {"seq":1,"unsupported":true}`, { seq: 1, unsupported: true }, shown(l));
  }),
  adapterCheck('adapter.request.not-json', ['ADP-11', 'ADP-01'], 'A line that is not JSON is answered adapter.bad-request, and the adapter keeps serving', async (s) => {
    const first = await started(s);
    if (first) return first;
    const r = await each(s, ['this is not json', '{"cmd":"run","seq":', '\u00ff\u0000{'], (l) => badRequestProblem(l));
    if (r.status !== 'pass') return r;
    const after = await s.ask({ cmd: 'run', seq: 2, op: NO_SUCH_OP, input: {} });
    return runResponseProblem(after, 2, 'ADP-11') ?? { status: 'pass' };
  }),
  adapterCheck('adapter.request.not-object', ['ADP-11'], 'A JSON line that is not an object (array, string, number, null) is answered adapter.bad-request', async (s) => {
    const first = await started(s);
    if (first) return first;
    return each(s, ['[1,2,3]', '"start"', '42', 'null', 'true'], (l) => badRequestProblem(l));
  }),
  adapterCheck('adapter.request.unknown-cmd', ['ADP-11'], 'An unknown cmd is answered adapter.bad-request carrying the request\'s seq', async (s) => {
    const first = await started(s);
    if (first) return first;
    const r = await each(s, [{ cmd: 'dance', seq: 3 }], (l) => badRequestProblem(l, 3));
    if (r.status !== 'pass') return r;
    return each(s, [{ seq: 4 }, { cmd: 5 }], (l) => badRequestProblem(l));
  }),
  adapterCheck('adapter.request.bad-run', ['ADP-11'], 'A run without a positive integer seq, a string op and an object input is answered adapter.bad-request', async (s) => {
    const first = await started(s);
    if (first) return first;
    const noSeq = [
      { cmd: 'run', seq: 0, op: NO_SUCH_OP, input: {} },
      { cmd: 'run', seq: -1, op: NO_SUCH_OP, input: {} },
      { cmd: 'run', seq: 1.5, op: NO_SUCH_OP, input: {} },
      { cmd: 'run', seq: '2', op: NO_SUCH_OP, input: {} },
      { cmd: 'run', op: NO_SUCH_OP, input: {} },
    ];
    const r = await each(s, noSeq, (l) => badRequestProblem(l));
    if (r.status !== 'pass') return r;
    const withSeq = [
      { cmd: 'run', seq: 5, input: {} },
      { cmd: 'run', seq: 6, op: 7, input: {} },
      { cmd: 'run', seq: 7, op: NO_SUCH_OP, input: [] },
      { cmd: 'run', seq: 8, op: NO_SUCH_OP },
      { cmd: 'run', seq: 9, op: NO_SUCH_OP, input: 'x' },
    ];
    return each(s, withSeq, (l, i) => badRequestProblem(l, 5 + i));
  }),
  adapterCheck('adapter.request.seq-forms', ['ADP-11', 'ADP-04'], 'A seq is read by value (1.0 is 1); a bad request carries its seq member unchanged, whatever its value; an empty line is a bad request', async (s) => {
    const first = await started(s);
    if (first) return first;
    const byValue = await s.ask(`{"cmd":"run","seq":1.0,"op":"${NO_SUCH_OP}","input":{}}`);
    if (!isJsonLine(byValue) || byValue.json.seq !== 1 || byValue.json.unsupported !== true) {
      return { ...fail('ADP-04', 'a run with seq 1.0 (the positive integer 1) was not answered with seq 1', { seq: 1, unsupported: true }, shown(byValue)), input: 'seq 1.0' };
    }
    // [ADP-11] The seq member of a bad request comes back as it was, of any type; without one, none.
    const echoed: [string, unknown][] = [
      [`{"cmd":"run","seq":2.5,"op":"${NO_SUCH_OP}","input":{}}`, 2.5],
      [`{"cmd":"run","seq":"3","op":"${NO_SUCH_OP}","input":{}}`, '3'],
      [`{"cmd":"run","seq":null,"op":"${NO_SUCH_OP}","input":{}}`, null],
    ];
    for (const [line, seq] of echoed) {
      const l = await s.ask(line);
      const problem = badRequestProblem(l);
      if (problem) return { ...problem, input: line };
      if (!isJsonLine(l) || !('seq' in l.json) || l.json.seq !== seq) return { ...fail('ADP-11', `the bad request's seq ${JSON.stringify(seq)} did not come back unchanged`, seq, isJsonLine(l) && 'seq' in l.json ? l.json.seq : '(no seq)'), input: line };
    }
    for (const line of ['', '   ', `{"cmd":"run","op":"${NO_SUCH_OP}","input":{}}`]) {
      const l = await s.ask(line);
      const problem = badRequestProblem(l);
      if (problem) return { ...problem, input: JSON.stringify(line) };
      if (isJsonLine(l) && 'seq' in l.json) return { ...fail('ADP-11', 'a bad request without a seq member was answered with one', '(no seq)', l.json.seq), input: JSON.stringify(line) };
    }
    const after = await s.ask({ cmd: 'run', seq: 4, op: NO_SUCH_OP, input: {} });
    return runResponseProblem(after, 4, 'ADP-11') ?? { status: 'pass' };
  }),
  adapterCheck('adapter.request.x-members', ['ADP-12'], 'Request members whose names start with x- are ignored', async (s) => {
    const l = await s.first({ cmd: 'start', version: 1, 'x-harness': 'kibitz-conformance' });
    if (!isJsonLine(l) || !schemas().start.Check(l.json)) return fail('ADP-12', 'start with an x- member was not answered like a plain start', 'a start answer', shown(l));
    const r = await s.ask({ cmd: 'run', seq: 1, op: NO_SUCH_OP, input: {}, 'x-check': 'adapter.request.x-members' });
    return isJsonLine(r) && r.json.seq === 1 && r.json.unsupported === true ? { status: 'pass' } : fail('ADP-12', 'a run with an x- member was not answered like a plain run', { seq: 1, unsupported: true }, shown(r));
  }),
  adapterCheck('adapter.input.wrong-shape', ['ADP-08', 'ADP-04'], 'Input of the wrong shape is answered input.invalid, with a message', async (s) => {
    const l = await s.start();
    if (!isJsonLine(l) || !Array.isArray(l.json.profiles)) return fail('ADP-03', 'start was not answered', 'a start answer', shown(l));
    const probes = Object.entries(SHAPE_PROBES).filter(([p]) => (l.json.profiles as string[]).includes(p));
    let seq = 0;
    let probed = 0;
    for (const [, candidates] of probes) {
      let r: Line | null = null;
      let probe = candidates[0]!;
      for (const c of candidates) {
        probe = c;
        r = await s.ask({ cmd: 'run', seq: ++seq, op: c.op, input: c.input });
        if (!(isJsonLine(r) && r.json.unsupported === true)) break;
      }
      if (!r || (isJsonLine(r) && r.json.unsupported === true)) continue; // the profile's probe ops are all unsupported
      probed++;
      const e = isJsonLine(r) ? (r.json.error as JsonObject | undefined) : undefined;
      if (!isJsonLine(r) || r.json.seq !== seq || r.json.ok !== false || e?.code !== 'input.invalid') {
        return { ...fail('ADP-08', `${probe.op} with an input of the wrong shape was not answered input.invalid`, { seq, ok: false, error: { code: 'input.invalid', message: '…' } }, shown(r)), input: probe };
      }
      if (typeof e.message !== 'string') return fail('ADP-04', 'an error without a message string', { code: 'input.invalid', message: '…' }, e);
    }
    return probed ? { status: 'pass' } : { status: 'unsupported', message: `no wrong-shape probe the adapter implements for its profiles (${(l.json.profiles as string[]).join(', ')})` };
  }),
  adapterCheck('adapter.response.one-per-request', ['ADP-02', 'ADP-01', 'ADP-04'], 'Every request gets exactly one response line, in order, and nothing else is written to stdout', async (s) => {
    const first = await started(s);
    if (first) return first;
    const big = 'x'.repeat(256 * 1024);
    const requests: object[] = [
      { cmd: 'run', seq: 1, op: NO_SUCH_OP, input: {} },
      { cmd: 'run', seq: 2, op: NO_SUCH_OP, input: { big } },
      { cmd: 'bogus', seq: 3 },
      { cmd: 'run', seq: 4, op: 'sas.alphabet', input: {} },
      { cmd: 'run', seq: 5, op: NO_SUCH_OP, input: { nested: { a: [1, { b: null }] } } },
    ];
    for (const [i, req] of requests.entries()) {
      const l = await s.ask(req);
      if (!isJsonLine(l)) return fail('notJson' in l ? 'ADP-01' : 'ADP-02', `request ${i + 1} was not answered with one JSON line`, `a response with seq ${i + 1}`, shown(l));
      if (l.json.seq !== i + 1) return fail('ADP-02', 'answers out of order, or more than one answer for a request', i + 1, l.json);
    }
    const extra = await s.extra(300);
    return extra.length ? fail('ADP-02', `${extra.length} line(s) written with no request outstanding`, [], extra.slice(0, 3)) : { status: 'pass' };
  }),
  adapterCheck('adapter.robustness.hostile-input', ['ADP-09', 'ADP-02'], 'Deeply nested and very large requests get an answer (any response), never a crash', async (s) => {
    const first = await started(s);
    if (first) return first;
    const deep = `{"cmd":"run","seq":1,"op":"${NO_SUCH_OP}","input":{"a":${'['.repeat(20000)}${']'.repeat(20000)}}}`;
    const deepBroken = `{"cmd":"run","seq":2,"op":"${NO_SUCH_OP}","input":${'{"a":'.repeat(20000)}`;
    const huge = JSON.stringify({ cmd: 'run', seq: 3, op: NO_SUCH_OP, input: { s: '\u00e9'.repeat(2 * 1024 * 1024) } });
    for (const [i, line] of [deep, deepBroken, huge].entries()) {
      const l = await s.ask(line);
      if (!isJsonLine(l)) {
        return { ...fail('notJson' in l ? 'ADP-01' : 'ADP-09', `hostile request ${i + 1} (${line.length} characters) got no JSON answer`, 'any response line', shown(l)), input: `${line.slice(0, 80)}…` };
      }
    }
    const after = await s.ask({ cmd: 'run', seq: 4, op: NO_SUCH_OP, input: {} });
    return runResponseProblem(after, 4, 'ADP-09') ?? { status: 'pass' };
  }),
  adapterCheck('adapter.stop.exits', ['ADP-10', 'ADP-01'], 'On stop the adapter exits within 2 s, writing at most {"ok":true}', async (s) => {
    const first = await started(s);
    if (first) return first;
    s.send({ cmd: 'stop' });
    const t0 = Date.now();
    const exited = await s.waitExit(2000);
    const lines = await s.extra(50);
    if (!exited) return fail('ADP-10', 'the adapter was still running 2 s after stop', 'exit within 2000 ms', `still running after ${Date.now() - t0} ms`);
    const bad = lines.find((t) => t.replace(/\s/g, '') !== '{"ok":true}');
    return bad ? fail('ADP-10', 'after stop the adapter wrote something other than {"ok":true}', '{"ok":true} or nothing', bad.slice(0, 200)) : { status: 'pass' };
  }),
];
