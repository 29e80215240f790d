// The run behind `kibitz-conformance [options]`: validate every option before anything starts
// (usage errors exit 2), start the implementation, select profiles and checks, run, grade, and
// write every report. A failed start ends the run at once with the adapter stopped.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SEED, UsageError, type CliArgs } from '../cli.ts';
import { loadExpectations, deadExpectations, type Expectation } from '../expectations.ts';
import { resolveImplementation, ImplSpecError } from '../impl/resolve.ts';
import type { Implementation, ImplementationInfo } from '../impl/types.ts';
import { buildReport } from '../report/build.ts';
import { checkWritable, emitAll, parseTargets, ReporterError } from '../report/emit.ts';
import { runSelected } from '../runner.ts';
import { loadRequirements } from '../spec-index.ts';
import { ADAPTER_PROFILE, ALL_PROFILES, allChecks, deadSelectors, KNOWN_PROFILES, selectChecks } from '../suite.ts';
import { loadVectorFiles, validateVectorFiles } from '../checks/vectors.ts';
import { identifySuite } from '../suite-digest.ts';
import { suiteInfo } from '../suite-info.ts';
import { launcher, shellQuote } from './launcher.ts';
import { progress } from './progress.ts';

function int(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, not ${JSON.stringify(v)}`);
  return n;
}

function seedOf(v: string | undefined): { seed: number; given: boolean } {
  if (v === undefined) return { seed: DEFAULT_SEED, given: false };
  if (v === 'random') return { seed: (Math.random() * 2 ** 31) | 0, given: true };
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--seed must be an integer or "random", not ${JSON.stringify(v)}`);
  return { seed: n, given: true };
}

/** Profiles to run: --profile, or what the implementation declares (plus `adapter` over stdio). */
function chooseProfiles(requested: string[] | undefined, declared: readonly string[], transport: Implementation['transport']): string[] {
  for (const p of requested ?? []) {
    if (!ALL_PROFILES.includes(p)) throw new UsageError(`unknown profile ${JSON.stringify(p)}; known: ${ALL_PROFILES.join(', ')} (the broker suite is "kibitz-conformance broker", peer mode "kibitz-conformance peer")`);
    if (p === ADAPTER_PROFILE && transport !== 'cmd') {
      throw new UsageError('the adapter profile checks the stdio framing of an adapter: it needs --impl cmd:"<command>" (in-process and module: implementations have no stdio)');
    }
  }
  if (requested?.length) return ALL_PROFILES.filter((p) => requested.includes(p));
  return ALL_PROFILES.filter((p) => (p === ADAPTER_PROFILE ? transport === 'cmd' : declared.includes(p)));
}

export async function runMain(args: CliArgs): Promise<number> {
  // ---- everything that can be a usage error, before anything starts ----------------------------
  const { seed } = seedOf(args.seed);
  const runs = int('runs', args.runs, 1)!;
  const timeoutMs = int('timeout', args.timeout, 1)!;
  const maxErrors = int('max-errors', args['max-errors'], 1);
  const budget = Number(args['time-budget']);
  if (!(budget > 0)) throw new UsageError(`--time-budget must be a positive number of seconds, not ${JSON.stringify(args['time-budget'])}`);
  let targets;
  try {
    targets = parseTargets(args.reporter ?? [], args.out);
    checkWritable(targets);
  } catch (e) {
    if (e instanceof ReporterError) throw new UsageError(e.message);
    throw e;
  }
  let expectations: Expectation[] = [];
  if (args.expect) {
    if (!existsSync(args.expect)) throw new UsageError(`--expect ${args.expect}: no such file`);
    try {
      expectations = loadExpectations(args.expect);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  let vectorFiles;
  if (args.vectors) {
    if (!existsSync(args.vectors) || !statSync(args.vectors).isDirectory()) throw new UsageError(`--vectors ${args.vectors}: no such directory`);
    try {
      vectorFiles = loadVectorFiles(resolve(args.vectors));
    } catch (e) {
      throw new UsageError(`--vectors ${args.vectors}: ${(e as Error).message}`);
    }
  }
  vectorFiles ??= loadVectorFiles();
  // Every file is read through the vector-file schema before anything starts.
  const problem = await validateVectorFiles(vectorFiles);
  if (problem) throw new UsageError(args.vectors ? `--vectors ${args.vectors}: ${problem}` : `the bundled vectors are damaged: ${problem}`);
  const violations: string[] = [];
  let impl;
  try {
    impl = resolveImplementation(args.impl!, { timeoutMs, validateProtocol: args['validate-protocol'], onViolation: (m) => violations.push(m) });
  } catch (e) {
    if (e instanceof ImplSpecError) throw new UsageError(e.message);
    throw e;
  }
  if (impl.transport === 'module') {
    const path = args.impl!.slice('module:'.length);
    if (!existsSync(path)) throw new UsageError(`--impl ${args.impl}: no such file ${path}`);
  }
  const reqs = loadRequirements();
  const every = allChecks(reqs, vectorFiles);
  const dead = deadExpectations(every, expectations);
  if (dead.length) throw new UsageError(`${args.expect}: ${dead.map((k) => JSON.stringify(k)).join(', ')} match${dead.length === 1 ? 'es' : ''} no check (a typo would keep a failure expected forever)`);
  const only = args.only ?? [];

  // ---- start: a failed start ends the run at once, with the adapter stopped --------------------
  const startedAt = new Date();
  const t0 = performance.now();
  let info: ImplementationInfo;
  try {
    info = await impl.start();
  } catch (e) {
    await impl.stop().catch(() => {});
    console.error(`kibitz-conformance: could not start ${impl.label}: ${(e as Error).message}\nRESULT: NOT CONFORMANT: the implementation did not start (exit 1)`);
    return 1;
  }
  try {
    const declared = info.profiles.filter((p) => (KNOWN_PROFILES as readonly string[]).includes(p));
    const chosen = chooseProfiles(args.profile, declared, impl.transport);
    // A declared profile this suite has no check for yet is not judged (nothing could make it
    // conformant or not); asked for by name, it is judged, and comes out partial.
    const empty = chosen.filter((p) => !every.some((c) => c.profile === p));
    const profiles = args.profile?.length ? chosen : chosen.filter((p) => !empty.includes(p));
    if (empty.length && !args.profile?.length) console.error(`kibitz-conformance: no checks yet for declared profile(s) ${empty.join(', ')}: not judged`);
    if (profiles.length === 0) {
      throw new UsageError(`nothing to check: ${impl.label} declares no profile this suite knows (declared: ${JSON.stringify(info.profiles)}; known: ${KNOWN_PROFILES.join(', ')})`);
    }
    const deadOnly = deadSelectors(every, profiles, only);
    if (deadOnly.length) throw new UsageError(`--only ${deadOnly.join(', ')} selects no check of ${profiles.join(', ')}`);
    const runnable = profiles.filter((p) => p === ADAPTER_PROFILE || declared.includes(p));
    const checks = selectChecks(every, runnable, only);
    const identity = identifySuite(every, args.vectors ? resolve(args.vectors) : undefined);

    const base = [...launcher(), '--impl', shellQuote(args.impl!)];
    if (args.vectors) base.push('--vectors', shellQuote(args.vectors));
    if (runs !== 100) base.push('--runs', String(runs));
    if (timeoutMs !== 10_000) base.push('--timeout', String(timeoutMs));
    const replay = (id: string, extra?: string) => {
      const c = every.find((x) => x.id === id);
      return [...base, ...(c ? ['--profile', c.profile] : []), '--only', id, extra ?? `--seed ${seed}`].join(' ');
    };
    const bar = progress(checks.length, args.quiet);
    const outcome = await runSelected(impl, checks, reqs, {
      seed,
      runs,
      ...(args.path ? { path: args.path } : {}),
      expectations,
      replay,
      onProgress: bar.update,
      bail: args.bail,
      ...(maxErrors !== undefined ? { maxErrors } : {}),
      budgetMs: budget * 1000,
      timeoutMs,
    });
    bar.done();
    const report = buildReport({
      ...suiteInfo(),
      label: impl.label,
      info,
      options: {
        profiles,
        seed,
        runs,
        ...(only.length ? { only } : {}),
        ...(args['allow-partial'] ? { allowPartial: true } : {}),
        ...(args.bail ? { bail: true } : {}),
        ...(maxErrors !== undefined ? { maxErrors } : {}),
        timeoutMs,
        budgetS: budget,
        ...(args.expect ? { expect: args.expect } : {}),
        replayBase: base.join(' '),
      },
      startedAt,
      durationMs: performance.now() - t0,
      results: outcome.results,
      reqs,
      suiteChecks: every.filter((c) => profiles.includes(c.profile)),
      notRun: outcome.notRun,
      declared: [...declared, ...(impl.transport === 'cmd' ? [ADAPTER_PROFILE] : [])],
      identity,
      allowPartial: args['allow-partial'],
      ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
      restarts: impl.restarts(),
      quarantined: impl.quarantined(),
    });
    if (violations.length) {
      report.exitCode = 1;
      console.error(`\n--validate-protocol: ${violations.length} adapter message(s) break schemas/json/adapter-protocol.schema.json:`);
      for (const v of violations.slice(0, 20)) console.error(`  ${v}`);
    }
    emitAll(report, targets, args.quiet);
    return report.exitCode;
  } finally {
    await impl.stop();
  }
}
