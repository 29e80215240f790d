// kibitz-conformance: checks an implementation of the Kibitz protocol against the spec.
// See spec/10-adapter-protocol.md section 10.5 and the README. This module stays tiny: `--help`
// and `--version` answer without loading the suite, and everything else is imported on demand.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: kibitz-conformance [options]
       kibitz-conformance render <report.json> [--reporter name[:path]]...
       kibitz-conformance broker --url ws://HOST:PORT/PATH [options]   (see --help there)
       kibitz-conformance peer [options]                               (see --help there)
       kibitz-conformance interop [options]                            (see --help there)
  broker, peer and interop give verdicts and exit status by the same rule as below, each as one
  profile (broker, peer, interop); peer and interop need the optional packages peer, peerjs and
  node-datachannel; interop's chromium stack is dev-only (it compiles TypeScript at start-up).

  --impl reference | module:<path> | cmd:"<command>"   implementation under test (default: reference)
  --profile <name>      adapter | crypto | schemas | presence | wire | admission | agents | dataplane
                        (repeatable; default: every profile the implementation declares, plus
                        adapter for cmd: adapters)
  --only <sel>          a check id, a group prefix (token.valid) or a requirement ID (SAS-05); repeatable
  --seed <n>|random     seed for property checks (default: 20261121, printed in every report)
  --runs <n>            cases per property check (default: 100)
  --path <p>            fast-check path of a counterexample to replay (with --seed and --only)
  --reporter <name>[:<path>]
                        pretty | tap | junit | json | md | html | badge (repeatable; without a path
                        to stdout; badge:<dir> writes one shields.io endpoint file per profile)
  --out <file>          path for the reporter given without one (a pretty summary goes to stdout)
  --quiet               no summary on stdout when every reporter writes a file
  --expect <file>       expectations file: known failures (xfail) and skips
  --allow-partial       exit 0 for partial verdicts too (an implementation still growing)
  --bail                stop at the first failed or errored check
  --max-errors <n>      stop once n checks errored
  --time-budget <s>     stop starting checks after s seconds (default: 1800)
  --timeout <ms>        per-op timeout, also for module: and in-process code (default: 10000)
  --validate-protocol   check every adapter message against schemas/json/adapter-protocol.schema.json
  --vectors <dir>       read vector files from this directory instead of the bundled vectors/
  --list                list the selected checks (without starting the implementation) and exit
  --version             print the suite and spec versions and exit
Exit status: 0 when every selected profile is conformant (partial too with --allow-partial),
1 otherwise (a failure, an errored check, a partial or modified suite, a profile not implemented,
an adapter that could not start), 2 on usage errors.`;

export const DEFAULT_SEED = 20261121;

export const OPTIONS = {
  impl: { type: 'string', default: 'reference' },
  profile: { type: 'string', multiple: true },
  seed: { type: 'string' },
  runs: { type: 'string', default: '100' },
  only: { type: 'string', multiple: true },
  path: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  expect: { type: 'string' },
  'allow-partial': { type: 'boolean', default: false },
  bail: { type: 'boolean', default: false },
  'max-errors': { type: 'string' },
  'time-budget': { type: 'string', default: '1800' },
  'validate-protocol': { type: 'boolean', default: false },
  timeout: { type: 'string', default: '10000' },
  list: { type: 'boolean', default: false },
  vectors: { type: 'string' },
  version: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type CliArgs = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

/** `--list | head` closes the pipe early: that is not an error. The entry points install this. */
export function exitQuietlyOnEpipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** A usage error: printed without a stack trace, exit 2. */
export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'broker') {
    // Loaded on demand: the broker suite needs network modules the adapter checks do not.
    const { brokerMain } = await import('./broker/cli.ts');
    return brokerMain(argv.slice(1));
  }
  if (argv[0] === 'peer') {
    // Loaded on demand: peer mode needs WebRTC and the PeerJS broker.
    const { peerMain } = await import('./peer/cli.ts');
    return peerMain(argv.slice(1));
  }
  if (argv[0] === 'interop') {
    // Loaded on demand: the interop matrix needs WebRTC, the PeerJS broker and peer programs.
    const { interopMain } = await import('./interop/cli.ts');
    return interopMain(argv.slice(1));
  }
  try {
    if (argv[0] === 'render') {
      const { renderMain } = await import('./cli/render.ts');
      return await renderMain(argv.slice(1));
    }
    let args: CliArgs;
    try {
      args = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (args.version) {
      const { suiteInfo } = await import('./suite-info.ts');
      const { suiteVersion, specVersion } = suiteInfo();
      console.log(`kibitz-conformance ${suiteVersion} (spec ${specVersion}, adapter protocol version 1)`);
      return 0;
    }
    if (args.list) {
      const { listMain } = await import('./cli/list.ts');
      return listMain(args);
    }
    const { runMain } = await import('./cli/run.ts');
    return await runMain(args);
  } catch (e) {
    if (e instanceof UsageError || (e as Error).name === 'UsageError') {
      console.error(`kibitz-conformance: ${(e as Error).message}\nRun kibitz-conformance --help for the options.`);
      return 2;
    }
    console.error(`kibitz-conformance: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
}
