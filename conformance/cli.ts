// kibitz-conformance: checks an implementation of the Kibitz protocol against the spec.
// See spec/10-adapter-protocol.md section 10.5 and the README.
import { parseArgs } from 'node:util';
import type { Expectation } from './expectations.ts';
import { loadExpectations } from './expectations.ts';
import { resolveImplementation } from './impl/resolve.ts';
import { buildReport } from './report/build.ts';
import { runChecks } from './runner.ts';
import { loadRequirements } from './spec-index.ts';
import { allChecks, KNOWN_PROFILES, selectChecks } from './suite.ts';
import { loadVectorFiles } from './checks/vectors.ts';
import { emitReport, REPORTERS } from './report/emit.ts';
import { suiteInfo } from './suite-info.ts';

const USAGE = `Usage: kibitz-conformance [options]
       kibitz-conformance broker --url ws://HOST:PORT/PATH [options]   (see --help there)

  --impl reference | module:<path> | cmd:"<command>"   implementation under test (default: reference)
  --profile <name>      crypto | schemas | presence (repeatable; default: every profile the adapter declares)
  --seed <n>            seed for property checks (default: random, printed)
  --runs <n>            cases per property check (default: 100)
  --only <id>           run only this check id or group prefix (repeatable)
  --path <p>            fast-check path of a counterexample to replay (with --seed and --only)
  --reporter <name>     pretty | tap | junit | json | md (default: pretty)
  --out <file>          write the report there (pretty summary still goes to stdout)
  --expect <file>       expectations file: known failures (xfail) and skips
  --validate-protocol   check every adapter message against schemas/json/adapter-protocol.schema.json
  --timeout <ms>        per-op timeout for cmd: adapters (default: 10000)
  --list                list the selected checks and exit
  --vectors <dir>       read vector files from this directory instead of the bundled vectors/
Exit status: 0 when no MUST-level check failed (and no check errored or unexpectedly passed), 1 otherwise, 2 on usage errors.`;


function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'broker') {
    // Loaded on demand: the broker suite needs network modules the adapter checks do not.
    const { brokerMain } = await import('./broker/cli.ts');
    return brokerMain(argv.slice(1));
  }
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        impl: { type: 'string', default: 'reference' },
        profile: { type: 'string', multiple: true },
        seed: { type: 'string' },
        runs: { type: 'string', default: '100' },
        only: { type: 'string', multiple: true },
        path: { type: 'string' },
        reporter: { type: 'string', default: 'pretty' },
        out: { type: 'string' },
        expect: { type: 'string' },
        'validate-protocol': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '10000' },
        list: { type: 'boolean', default: false },
        vectors: { type: 'string' },
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
  if (!REPORTERS[args.reporter!]) {
    console.error(`unknown reporter ${args.reporter}\n\n${USAGE}`);
    return 2;
  }
  const seed = args.seed !== undefined ? Number(args.seed) : (Math.random() * 2 ** 31) | 0;
  const runs = Number(args.runs);
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
    console.error('--seed and --runs must be integers');
    return 2;
  }
  const reqs = loadRequirements();
  const expectations: Expectation[] = args.expect ? loadExpectations(args.expect) : [];
  const violations: string[] = [];
  const impl = resolveImplementation(args.impl!, {
    timeoutMs: Number(args.timeout),
    validateProtocol: args['validate-protocol'],
    onViolation: (m) => violations.push(m),
  });

  const startedAt = new Date();
  const t0 = performance.now();
  let info;
  try {
    info = await impl.start();
  } catch (e) {
    console.error(`could not start ${impl.label}: ${(e as Error).message}`);
    return 1;
  }
  const declared = info.profiles.filter((p) => (KNOWN_PROFILES as readonly string[]).includes(p));
  const profiles = args.profile ?? declared;
  for (const p of profiles) {
    if (!(KNOWN_PROFILES as readonly string[]).includes(p)) {
      console.error(`unknown profile ${p}; known: ${KNOWN_PROFILES.join(', ')} (the broker suite is "kibitz-conformance broker")`);
      await impl.stop();
      return 2;
    }
  }
  const only = args.only ?? [];
  const checks = selectChecks(allChecks(reqs, args.vectors ? loadVectorFiles(args.vectors.endsWith('/') ? args.vectors : `${args.vectors}/`) : undefined), profiles, only);
  if (args.list) {
    for (const c of checks) console.log(`${c.id}\t${c.kind}\t${c.covers.join(',')}\t${c.description}`);
    await impl.stop();
    return 0;
  }

  const base = ['kibitz-conformance', '--impl', shellQuote(args.impl!)];
  const replay = (id: string, extra?: string) => [...base, '--only', id, ...(extra ? [extra] : [`--seed ${seed}`])].join(' ');
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  const results = await runChecks(impl, checks, reqs, {
    seed,
    runs,
    ...(args.path ? { path: args.path } : {}),
    expectations,
    replay,
    onProgress: (done, total, r) => {
      const now = Date.now();
      if (tty) process.stderr.write(`\r[${String(done).padStart(String(total).length)}/${total}] ${r.id.slice(0, 70).padEnd(70)}`);
      else if (now - lastPrint > 5000 || done === total) {
        process.stderr.write(`[${done}/${total}] checks run\n`);
        lastPrint = now;
      }
    },
  });
  if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
  await impl.stop();

  const report = buildReport({
    ...suiteInfo(),
    label: impl.label,
    info,
    options: { profiles: [...profiles], seed, runs, ...(only.length ? { only } : {}) },
    startedAt,
    durationMs: performance.now() - t0,
    results,
    reqs,
  });
  if (violations.length) {
    report.exitCode = 1;
    console.error(`\n--validate-protocol: ${violations.length} adapter message(s) break schemas/json/adapter-protocol.schema.json:`);
    for (const v of violations.slice(0, 20)) console.error(`  ${v}`);
  }
  emitReport(report, args.reporter!, args.out);
  return report.exitCode;
}
