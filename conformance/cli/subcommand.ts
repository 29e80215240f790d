// What the broker suite, peer mode and the interop runner share with the adapter suite's CLI, so
// that their options and verdicts cannot drift apart (spec/10-adapter-protocol.md 10.5, ADP-50):
// repeatable reporters whose paths are checked before the run, an expectations file every key of
// which must match a check, `--only` selectors that must each select something, and usage errors
// (exit 2, no stack trace) for all of these and for a missing optional package.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../cli.ts';
import { deadExpectations, loadExpectations, type Expectation } from '../expectations.ts';
import { MissingPackageError } from '../lib/optional.ts';
import { checkWritable, parseTargets, ReporterError, type ReportTarget } from '../report/emit.ts';
import { deadSelectorsIn, selectOnly } from '../selector.ts';

/** The options every subcommand with a verdict takes, as the adapter suite takes them. */
export const VERDICT_OPTIONS = {
  reporter: { type: 'string', multiple: true },
  out: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  expect: { type: 'string' },
  'allow-partial': { type: 'boolean', default: false },
} as const;

export const VERDICT_HELP = `  --reporter <name>[:<path>]
                           pretty | tap | junit | json | md | html | badge (repeatable; without a
                           path to stdout; badge:<dir> writes <dir>/<profile>.json)
  --out <file>             path for the reporter given without one (a pretty summary goes to stdout)
  --quiet                  no summary on stdout when every reporter writes a file
  --expect <file>          expectations file: known failures (xfail) and skips; a key that matches
                           no check is a usage error
  --allow-partial          exit 0 for a partial verdict too (a narrower --only, unsupported steps)`;

/** The exit rule every subcommand prints in its --help [ADP-15]. */
export const exitHelp = (profile: string): string =>
  `Exit status: 0 when the ${profile} verdict is conformant (every check of the suite ran, none failed at
MUST level; partial too with --allow-partial), 1 otherwise (a failure, an errored check, a partial
run, a modified suite, not implemented, nothing started), 2 on usage errors (an unknown option, a
selector or expectations key that matches no check, a report path that cannot be written, a
missing optional package).`;

/** parseArgs, with its complaints as usage errors. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O): ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--reporter` and `--out` as report targets, every path checked writable before anything runs. */
export function reportTargets(reporter: readonly string[] | undefined, out: string | undefined): ReportTarget[] {
  try {
    const targets = parseTargets(reporter ?? [], out);
    checkWritable(targets);
    return targets;
  } catch (e) {
    if (e instanceof ReporterError) throw new UsageError(e.message);
    throw e;
  }
}

/** The expectations file, every key of which must match one of `checks` [ADP-15]. */
export function expectationsFor(path: string | undefined, checks: readonly { id: string }[]): Expectation[] {
  if (!path) return [];
  if (!existsSync(path)) throw new UsageError(`--expect ${path}: no such file`);
  let list: Expectation[];
  try {
    list = loadExpectations(path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dead = deadExpectations(checks, list);
  if (dead.length) throw new UsageError(`${path}: ${dead.map((k) => JSON.stringify(k)).join(', ')} match${dead.length === 1 ? 'es' : ''} no check (a typo would keep a failure expected forever)`);
  return list;
}

/** The checks `only` selects; a selector that selects nothing is a usage error [ADP-15]. */
export function selection<T extends { id: string; covers: readonly string[] }>(checks: readonly T[], only: readonly string[], flag = '--only'): T[] {
  const dead = deadSelectorsIn(checks, only);
  if (dead.length) throw new UsageError(`${flag} ${dead.join(', ')} selects no check (see --list)`);
  return selectOnly(checks, only);
}

/**
 * Runs a subcommand's main: usage errors and missing optional packages are printed without a
 * stack trace and exit 2, so a subcommand called directly (tests, the library) behaves like the CLI.
 */
export async function subcommand(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof MissingPackageError) {
      console.error(`kibitz-conformance ${name}: ${(e as Error).message}\nRun kibitz-conformance ${name} --help for the options.`);
      return 2;
    }
    throw e;
  }
}
