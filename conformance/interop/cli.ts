// kibitz-conformance interop: implementations against each other on a real PeerJS broker over real
// WebRTC (spec/10-adapter-protocol.md 10.7). Each implementation is a peer program (10.6); the
// output is the implementation × implementation × test-case matrix, and a verdict of the profile
// `interop` by the adapter suite's rule (ADP-50): each cell (a case for some stacks) is one check.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Compile } from 'typebox/compile';
import { InteropReport } from '../../schemas/src/interop-report.ts';
import { UsageError } from '../cli.ts';
import { launcher, shellQuote } from '../cli/launcher.ts';
import { expectationsFor, exitHelp, parseOptions, reportTargets, selection, subcommand, VERDICT_HELP, VERDICT_OPTIONS } from '../cli/subcommand.ts';
import { missingPackages, requirePackages } from '../lib/optional.ts';
import { emitAll } from '../report/emit.ts';
import { loadRequirements } from '../spec-index.ts';
import { identifyCheckSuite } from '../suite-digest.ts';
import { suiteInfo } from '../suite-info.ts';
import { startLoopbackBroker, type LoopbackBroker } from '../peer/broker.ts';
import { ALL_CASES } from './cases.ts';
import { renderHtml, renderMarkdown, renderTerminal } from './render.ts';
import { cellId, plan, runMatrix } from './run.ts';
import { defaultStacks, startStack, type Stack, type StackSpec } from './stacks.ts';
import { INTEROP_PROFILE, interopReport, runnableJobs } from './verdict.ts';

const USAGE = `Usage: kibitz-conformance interop [options]

Puts peer programs (spec/10-adapter-protocol.md 10.6) in rooms together on a real PeerJS broker over
real WebRTC: every case for every ordered pair of stacks, and the trio cases for a room of three.
Default stacks: node (the reference on node-datachannel), chromium (the reference in headless
Chromium) and python (kibitz-py, implementations/python/peer.py); a stack that is not installed is
reported missing. The chromium and python stacks are dev-only: they run from a checkout of the
repository (chromium compiles the reference's TypeScript at start-up), and a default run of the
installed package leaves them out. Needs the optional packages peer (the loopback broker; not with
--broker-url), and peerjs and node-datachannel for the node stack.

  --stack <name>=cmd:"<command>"   add a stack, or replace a default one (e.g. a broken variant)
  --stacks <a,b,...>     run only these stacks (default: every one)
  --case <sel>           a case id, a prefix (trio) or a requirement ID (SAS-05); repeatable
  --pair <a>\\><b>        run only this ordered pair; repeatable
  --broker-url <url>     use this PeerJS broker instead of starting one on loopback
  --jobs <n>             cases run at once (default: 3)
  --json <file>          write the matrix as JSON (schemas/json/interop-report.schema.json)
  --md <file>            write the markdown matrix
  --html <file>          write the matrix as a one-file HTML page
${VERDICT_HELP}
  --allow-missing        exit 0 when the only cells that did not run are those of missing stacks
  --timeout <ms>         per-request timeout of the control protocol (default: 30000)
  --list                 list the selected cases and the cells a run would make, and exit
Each cell (a case for some stacks, id "<case>.<first>><second>") is one check of the profile
"interop"; the suite is every case for every ordered pair of the stacks of the run, and the trio
cases. A missing stack's cells are not run (partial); a narrower --case or --pair is partial.
Without --reporter the matrix and the verdict go to stdout.
${exitHelp('interop')}`;

/** A stack entry of the matrix report. */
type StackInfo = InteropReport['stacks'][number];

/** The stacks of this run: the defaults, replaced or extended by --stack, narrowed by --stacks. */
function stackSpecs(stack: readonly string[], stacks: string | undefined): StackSpec[] {
  let specs: StackSpec[] = defaultStacks();
  for (const s of stack) {
    const m = /^([a-z][a-z0-9_-]*)=cmd:(.+)$/i.exec(s);
    if (!m) throw new UsageError(`--stack takes <name>=cmd:"<command>", not ${JSON.stringify(s)}`);
    const spec = { name: m[1]!, command: m[2]!, missing: null };
    specs = specs.some((x) => x.name === spec.name) ? specs.map((x) => (x.name === spec.name ? spec : x)) : [...specs, spec];
  }
  if (stacks !== undefined) {
    const want = stacks.split(',').map((x) => x.trim()).filter(Boolean);
    if (want.length === 0) throw new UsageError('--stacks names no stack');
    const unknown = want.filter((w) => !specs.some((s) => s.name === w));
    if (unknown.length) throw new UsageError(`unknown stack(s) ${unknown.join(', ')}; known: ${specs.map((s) => s.name).join(', ')}`);
    specs = want.map((w) => specs.find((s) => s.name === w)!);
    // Asked for by name, a stack that cannot exist here is a usage error, not a missing stack.
    const devOnly = specs.find((s) => s.devOnly);
    if (devOnly) throw new UsageError(devOnly.devOnly!);
    const node = specs.find((s) => s.name === 'node' && s.missing?.includes('npm install'));
    if (node) throw new UsageError(`--stacks node: ${node.missing}`);
  } else {
    for (const s of specs.filter((x) => x.devOnly)) process.stderr.write(`stack ${s.name} left out: ${s.devOnly}\n`);
    specs = specs.filter((s) => !s.devOnly);
  }
  return specs;
}

export function interopMain(argv: string[]): Promise<number> {
  return subcommand('interop', () => interopRun(argv));
}

async function interopRun(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    stack: { type: 'string', multiple: true },
    stacks: { type: 'string' },
    case: { type: 'string', multiple: true },
    pair: { type: 'string', multiple: true },
    'broker-url': { type: 'string' },
    jobs: { type: 'string', default: '3' },
    json: { type: 'string' },
    md: { type: 'string' },
    html: { type: 'string' },
    ...VERDICT_OPTIONS,
    timeout: { type: 'string', default: '30000' },
    'allow-missing': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // ---- everything that can be a usage error, before anything starts ----------------------------
  const specs = stackSpecs(args.stack ?? [], args.stacks);
  const only = args.case ?? [];
  const cases = selection(ALL_CASES, only, '--case');
  const jobs = Number(args.jobs);
  const timeoutMs = Number(args.timeout);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, not ${JSON.stringify(args.jobs)}`);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout must be a positive integer (ms), not ${JSON.stringify(args.timeout)}`);
  const names = specs.map((s) => s.name);
  for (const p of args.pair ?? []) {
    const [a, b, ...rest] = p.split('>');
    if (!a || !b || rest.length || !names.includes(a) || !names.includes(b)) throw new UsageError(`--pair ${p} is not an ordered pair of the stacks ${names.join(', ')} (a>b)`);
  }
  const pairs = args.pair ? { pairs: args.pair } : {};
  const everyone = specs.map((s) => ({ name: s.name }) as Stack);
  // The suite: every case for the requested stacks (a missing stack's cells included: not run).
  const selectedPlan = plan({ stacks: everyone, cases, ...pairs });
  if (selectedPlan.length === 0) throw new UsageError(`--case ${only.join(', ')} with --pair ${(args.pair ?? []).join(', ')} selects no cell (trio cases take no --pair)`);
  if (args.list) {
    for (const c of cases) console.log(`${c.id}\t${c.kind}\t${c.covers.join(',')}\t${c.description}`);
    console.log(`${selectedPlan.length} runs with stacks ${names.join(', ')}`);
    return 0;
  }
  const fullPlan = plan({ stacks: everyone, cases: ALL_CASES });
  const cellIds = fullPlan.map((j) => ({ id: cellId(j.c.id, j.stacks), covers: j.c.covers }));
  const expectations = expectationsFor(args.expect, cellIds);
  const wantReport = Boolean(args.reporter?.length || args.out);
  const targets = wantReport ? reportTargets(args.reporter, args.out) : [];
  // The matrix files' folders are created as needed; an existing path must be writable.
  for (const f of [args.json, args.md, args.html]) if (f && existsSync(dirname(f))) reportTargets([`json:${f}`], undefined);
  requirePackages(args['broker-url'] ? [] : ['peer'], 'kibitz-conformance interop (the loopback PeerJS broker; or pass --broker-url)');

  const reqs = loadRequirements();
  const base = [...launcher(), 'interop', ...(args.stacks ? ['--stacks', shellQuote(args.stacks)] : []), ...(args.stack ?? []).flatMap((s) => ['--stack', shellQuote(s)])];
  const replay = (id: string) => {
    const cell = fullPlan.find((j) => cellId(j.c.id, j.stacks) === id);
    return [...base, '--case', cell?.c.id ?? id, ...(cell && cell.c.kind === 'pair' ? ['--pair', shellQuote(cell.stacks.map((s) => s.name).join('>'))] : [])].join(' ');
  };
  const startedAt = new Date();
  const t0 = performance.now();
  let broker: LoopbackBroker | null = null;
  const started: Stack[] = [];
  try {
    const brokerUrl = args['broker-url'] ?? (broker = await startLoopbackBroker()).url;
    const outcomes = await Promise.all(specs.map((s) => startStack(s, timeoutMs)));
    const stackInfo: StackInfo[] = outcomes.map((o, i) =>
      'missing' in o
        ? { name: o.name, command: specs[i]!.command, status: 'missing' as const, reason: o.missing }
        : { name: o.name, command: o.command, status: 'ran' as const, implementation: { name: o.info.name, version: o.info.version, language: o.info.language } },
    );
    for (const o of outcomes) if (!('missing' in o)) started.push(o);
    for (const s of stackInfo) if (s.status === 'missing') process.stderr.write(`stack ${s.name} is missing: ${s.reason}\n`);

    // What runs: the selected cells of the stacks that started (the trio takes them in turn when
    // fewer than three did), less the cells the expectations skip.
    const tty = process.stderr.isTTY && !args.quiet;
    const results = await runMatrix({
      stacks: started,
      cases,
      brokerUrl,
      timeouts: { connectMs: 30_000, reactMs: 6_000, migrateMs: 30_000 },
      jobs,
      planned: runnableJobs({ started: started.map((s) => s.name), cases, ...pairs, expectations }, started).run,
      onResult: (r, done, total) => {
        if (tty) process.stderr.write(`\r[${done}/${total}] ${`${r.case} ${r.stacks.join('>')}`.slice(0, 60).padEnd(60)} ${r.outcome.padEnd(8)}`);
      },
    });
    if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');

    const { suiteVersion, specVersion } = suiteInfo();
    const identity = identifyCheckSuite(INTEROP_PROFILE, ALL_CASES);
    const report = interopReport({
      stacks: names,
      started: started.map((s) => s.name),
      allCases: ALL_CASES,
      cases,
      ...pairs,
      results,
      expectations,
      reqs,
      allowPartial: args['allow-partial'],
      allowMissing: args['allow-missing'],
      replay,
      identity,
      base: {
        suiteVersion,
        specVersion,
        label: `interop: ${names.join(', ')}`,
        info: { name: 'interop matrix', version: suiteVersion, language: started.map((s) => `${s.name}: ${s.info.name} ${s.info.version} (${s.info.language})`).join('; ') || 'no stack started', profiles: started.length ? [INTEROP_PROFILE] : [] },
        options: { seed: 0, runs: 1, ...(only.length ? { only } : {}), timeoutMs, ...(args.expect ? { expect: args.expect } : {}), replayBase: base.join(' ') },
        startedAt,
        durationMs: performance.now() - t0,
      },
    });

    // ---- the matrix (its own JSON, markdown and HTML), carrying the same verdict ---------------
    const summary: Record<string, number> = { pass: 0, fail: 0, errored: 0, unsupported: 0 };
    for (const r of results) summary[r.outcome] = (summary[r.outcome] ?? 0) + 1;
    const matrix: InteropReport = {
      $schema: 'urn:kibitz:kbz-v1:interop-report',
      suite: { name: 'kibitz-conformance', version: suiteVersion, checks: identity.checks, modified: identity.modified },
      spec: { version: specVersion },
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      broker: broker ? `peer 1.0.2 on loopback (${brokerUrl})` : brokerUrl,
      stacks: stackInfo,
      cases: cases.map(({ id, kind, covers, description }) => ({ id, kind, covers, description })),
      results: results as InteropReport['results'],
      summary,
      verdict: report.verdict ?? '',
      exitCode: report.exitCode === 0 ? 0 : 1,
    };
    const check = Compile(InteropReport);
    if (!check.Check(matrix)) console.error(`internal: the report breaks its schema: ${JSON.stringify([...check.Errors(matrix)].slice(0, 2))}`);
    const write = (file: string | undefined, text: string) => {
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    write(args.json, JSON.stringify(matrix, null, 2) + '\n');
    write(args.md, renderMarkdown(matrix));
    write(args.html, renderHtml(matrix));
    const toStdout = targets.some((t) => t.path === undefined);
    if (targets.length) emitAll(report, targets, true);
    if (!toStdout && !args.quiet) {
      process.stdout.write(renderTerminal(matrix));
      for (const v of report.verdicts ?? []) process.stdout.write(`  ${v.line}\n`);
      process.stdout.write(`RESULT: ${report.verdict} (exit ${report.exitCode})\n`);
      for (const t of targets) console.log(`${t.name} report written to ${t.path}`);
      if (!args.json && !args.md && !args.html && !targets.length) process.stderr.write('(use --reporter, --json, --md or --html to keep the report)\n');
    }
    return report.exitCode;
  } finally {
    for (const s of started) await s.ctl.stop().catch(() => undefined);
    await broker?.close();
    // Stops libdatachannel's threads if anything in this process loaded it.
    if (missingPackages(['node-datachannel']).length === 0) {
      const { loadNdc } = await import('../peer/observer/link.ts');
      (await loadNdc()).cleanup();
    }
  }
}
