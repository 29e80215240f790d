// kibitz-conformance interop: implementations against each other on a real PeerJS broker over real
// WebRTC (spec/10-adapter-protocol.md 10.7). Each implementation is a peer program (10.6); the
// output is the implementation × implementation × test-case matrix.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Compile } from 'typebox/compile';
import { InteropReport } from '../../schemas/src/interop-report.ts';
import { suiteInfo } from '../suite-info.ts';
import { startLoopbackBroker, type LoopbackBroker } from '../peer/broker.ts';
import { loadNdc } from '../peer/observer/link.ts';
import { ALL_CASES } from './cases.ts';
import { renderHtml, renderMarkdown, renderTerminal } from './render.ts';
import { plan, runMatrix } from './run.ts';
import { defaultStacks, startStack, type Stack, type StackSpec } from './stacks.ts';

const USAGE = `Usage: kibitz-conformance interop [options]

Puts peer programs (spec/10-adapter-protocol.md 10.6) in rooms together on a real PeerJS broker over
real WebRTC: every case for every ordered pair of stacks, and the trio cases for a room of three.
Default stacks: node (the reference on node-datachannel), chromium (the reference in headless
Chromium) and python (kibitz-py, implementations/python/peer.py); a stack that is not installed is
reported missing.

  --stack <name>=cmd:"<command>"   add a stack, or replace a default one (e.g. a broken variant)
  --stacks <a,b,...>     run only these stacks (default: every one)
  --case <id>            run only this case, or prefix (trio); repeatable
  --pair <a>\\><b>        run only this ordered pair; repeatable
  --broker-url <url>     use this PeerJS broker instead of starting one on loopback
  --jobs <n>             cases run at once (default: 3)
  --json <file>          write the JSON report (schemas/json/interop-report.schema.json)
  --md <file>            write the markdown matrix
  --html <file>          write a one-file HTML page
  --timeout <ms>         per-request timeout of the control protocol (default: 30000)
  --allow-missing        exit 0 although a default stack is missing
  --list                 list the cases and the runs a matrix would make, and exit
Exit status: 0 when every result passed (and no stack is missing, unless --allow-missing), 1 otherwise, 2 on usage errors.`;

export async function interopMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stack: { type: 'string', multiple: true },
        stacks: { type: 'string' },
        case: { type: 'string', multiple: true },
        pair: { type: 'string', multiple: true },
        'broker-url': { type: 'string' },
        jobs: { type: 'string', default: '3' },
        json: { type: 'string' },
        md: { type: 'string' },
        html: { type: 'string' },
        timeout: { type: 'string', default: '30000' },
        'allow-missing': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  let specs: StackSpec[] = defaultStacks();
  for (const s of args.stack ?? []) {
    const m = /^([a-z][a-z0-9_-]*)=cmd:(.+)$/i.exec(s);
    if (!m) {
      console.error(`--stack takes <name>=cmd:"<command>", not ${JSON.stringify(s)}`);
      return 2;
    }
    const spec = { name: m[1]!, command: m[2]!, missing: null };
    specs = specs.some((x) => x.name === spec.name) ? specs.map((x) => (x.name === spec.name ? spec : x)) : [...specs, spec];
  }
  if (args.stacks) {
    const want = args.stacks.split(',').map((x) => x.trim());
    const unknown = want.filter((w) => !specs.some((s) => s.name === w));
    if (unknown.length) {
      console.error(`unknown stack(s) ${unknown.join(', ')}; known: ${specs.map((s) => s.name).join(', ')}`);
      return 2;
    }
    specs = want.map((w) => specs.find((s) => s.name === w)!);
  }
  const only = args.case ?? [];
  const cases = ALL_CASES.filter((c) => only.length === 0 || only.some((o) => c.id === o || c.id.startsWith(`${o}.`)));
  if (cases.length === 0) {
    console.error(`no case matches --case ${only.join(', ')}; cases: ${ALL_CASES.map((c) => c.id).join(', ')}`);
    return 2;
  }
  const jobs = Number(args.jobs);
  const timeoutMs = Number(args.timeout);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(timeoutMs) || timeoutMs < 1) {
    console.error('--jobs and --timeout must be positive integers');
    return 2;
  }
  if (args.list) {
    for (const c of cases) console.log(`${c.id}\t${c.kind}\t${c.covers.join(',')}\t${c.description}`);
    const fake = specs.map((s) => ({ name: s.name }) as Stack);
    console.log(`${plan({ stacks: fake, cases, ...(args.pair ? { pairs: args.pair } : {}) }).length} runs with stacks ${specs.map((s) => s.name).join(', ')}`);
    return 0;
  }

  const startedAt = new Date();
  const t0 = performance.now();
  let broker: LoopbackBroker | null = null;
  const started: Stack[] = [];
  try {
    const brokerUrl = args['broker-url'] ?? (broker = await startLoopbackBroker()).url;
    const outcomes = await Promise.all(specs.map((s) => startStack(s, timeoutMs)));
    const stackInfo = outcomes.map((o, i) =>
      'missing' in o
        ? { name: o.name, command: specs[i]!.command, status: 'missing' as const, reason: o.missing }
        : { name: o.name, command: o.command, status: 'ran' as const, implementation: { name: o.info.name, version: o.info.version, language: o.info.language } },
    );
    for (const o of outcomes) if (!('missing' in o)) started.push(o);
    for (const s of stackInfo) if (s.status === 'missing') process.stderr.write(`stack ${s.name} is missing: ${s.reason}\n`);
    const tty = process.stderr.isTTY;
    const results = await runMatrix({
      stacks: started,
      cases,
      brokerUrl,
      timeouts: { connectMs: 30_000, reactMs: 6_000, migrateMs: 30_000 },
      jobs,
      ...(args.pair ? { pairs: args.pair } : {}),
      onResult: (r, done, total) => {
        if (tty) process.stderr.write(`\r[${done}/${total}] ${`${r.case} ${r.stacks.join('>')}`.slice(0, 60).padEnd(60)} ${r.outcome.padEnd(8)}`);
      },
    });
    if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
    const summary: Record<string, number> = { pass: 0, fail: 0, errored: 0, unsupported: 0 };
    for (const r of results) summary[r.outcome] = (summary[r.outcome] ?? 0) + 1;
    const missing = stackInfo.some((s) => s.status === 'missing');
    const { suiteVersion, specVersion } = suiteInfo();
    const report: InteropReport = {
      $schema: 'urn:kibitz:kbz-v1:interop-report',
      suite: { name: 'kibitz-conformance', version: suiteVersion },
      spec: { version: specVersion },
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      broker: broker ? `peer 1.0.2 on loopback (${brokerUrl})` : brokerUrl,
      stacks: stackInfo,
      cases: cases.map(({ id, kind, covers, description }) => ({ id, kind, covers, description })),
      results: results as InteropReport['results'],
      summary,
      exitCode: summary.pass === results.length && (!missing || args['allow-missing']) && results.length > 0 ? 0 : 1,
    };
    const check = Compile(InteropReport);
    if (!check.Check(report)) console.error(`internal: the report breaks its schema: ${JSON.stringify([...check.Errors(report)].slice(0, 2))}`);
    const write = (file: string | undefined, text: string) => {
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    write(args.json, JSON.stringify(report, null, 2) + '\n');
    write(args.md, renderMarkdown(report));
    write(args.html, renderHtml(report));
    process.stdout.write(renderTerminal(report));
    if (!args.json && !args.md && !args.html) process.stderr.write('(use --json/--md/--html to keep the report)\n');
    return report.exitCode;
  } finally {
    for (const s of started) await s.ctl.stop().catch(() => undefined);
    await broker?.close();
    (await loadNdc()).cleanup();
  }
}
