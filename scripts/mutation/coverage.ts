// Which checks execute which lines of the pristine kibitz-py: one traced run per profile
// (py_trace.py records the lines each request executed; this side records which check made each
// request), cached by the digest of the implementation's sources and of that profile's checks.
//
// It is used only to choose, for each mutant, the checks worth running first. A check whose
// pristine run never executes the mutated line behaves the same against the mutant (the adapter
// is deterministic for a fixed seed); shared state between checks, or randomness, could make that
// false, which is why a mutant no selected check catches is run again against every check of its
// profiles before it is called a survivor (run.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Check } from '../../conformance/checks/types.ts';
import { resolveImplementation } from '../../conformance/impl/resolve.ts';
import { runSelected } from '../../conformance/runner.ts';
import type { Requirement } from '../../conformance/spec-index.ts';
import { PYTHON } from './workspace.ts';

export interface Coverage {
  /** Check ids, indexed by the numbers below. */
  checks: string[];
  /** file -> line -> indices of the checks whose requests executed it. */
  lines: Record<string, Record<string, number[]>>;
  /** file -> lines executed while loading (module level: every check depends on them). */
  importTime: Record<string, number[]>;
  /** Checks whose pristine run did not pass (they cannot judge a mutant). */
  notPassing: string[];
}

const HERE = new URL('.', import.meta.url).pathname;

function digestTree(dir: string, h = createHash('sha256'), base = dir): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === '__pycache__') continue;
    if (statSync(p).isDirectory()) digestTree(p, h, base);
    else if (name.endsWith('.py')) h.update(relative(base, p)).update('\0').update(readFileSync(p)).update('\0');
  }
  return h;
}

/** Traces each profile separately (cached per profile), and merges the maps. */
export async function traceCoverage(opts: {
  pristine: string;
  checks: readonly Check[];
  reqs: Map<string, Requirement>;
  seed: number;
  runs: number;
  /** A digest of what a profile's checks are: its vector files and its check code. */
  suiteDigest: (profile: string) => string;
  log: (s: string) => void;
}): Promise<Coverage> {
  // The adapter profile opens raw sessions of its own; a mutant of adapter.py runs all of them.
  const checks = opts.checks.filter((c) => c.profile !== 'adapter');
  const profiles = [...new Set(checks.map((c) => c.profile))];
  const merged: Coverage = { checks: [], lines: {}, importTime: {}, notPassing: [] };
  const tree = digestTree(opts.pristine).digest('hex');
  for (const p of profiles) {
    const mine = checks.filter((c) => c.profile === p);
    const key = createHash('sha256').update(`${tree}\0${p}\0${opts.suiteDigest(p)}\0${opts.seed}/${opts.runs}\0${mine.map((c) => c.id).join(',')}`).digest('hex').slice(0, 16);
    const cov = await traceProfile(p, key, mine, opts);
    const offset = merged.checks.length;
    merged.checks.push(...cov.checks);
    merged.notPassing.push(...cov.notPassing);
    for (const [f, ls] of Object.entries(cov.importTime)) merged.importTime[f] = [...new Set([...(merged.importTime[f] ?? []), ...ls])].sort((a, b) => a - b);
    for (const [f, byLine] of Object.entries(cov.lines)) {
      const into = (merged.lines[f] ??= {});
      for (const [l, idx] of Object.entries(byLine)) (into[l] ??= []).push(...idx.map((i) => i + offset));
    }
  }
  return merged;
}

async function traceProfile(profile: string, key: string, checks: readonly Check[], opts: { pristine: string; reqs: Map<string, Requirement>; seed: number; runs: number; log: (s: string) => void }): Promise<Coverage> {
  const cacheDir = join(tmpdir(), 'kbz-mutation-cache');
  mkdirSync(cacheDir, { recursive: true });
  const cached = join(cacheDir, `coverage-${profile}-${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Coverage;

  const trace = join(cacheDir, `trace-${key}-${process.pid}.jsonl`);
  opts.log(`tracing the pristine implementation over the ${checks.length} checks of ${profile} (cached as ${cached})`);
  const impl = resolveImplementation(`cmd:${PYTHON} ${join(HERE, 'py_trace.py')} ${join(opts.pristine, 'adapter.py')} ${trace}`, { timeoutMs: 120_000 });
  const calls: { check: string; op: string }[] = [];
  let current = '';
  const run = impl.run.bind(impl);
  impl.run = (op, input) => {
    calls.push({ check: current, op });
    return run(op, input);
  };
  const wrapped = checks.map((c) => ({ ...c, run: (i: Parameters<Check['run']>[0], ctx: Parameters<Check['run']>[1]) => ((current = c.id), c.run(i, ctx)) }));
  await impl.start();
  const t0 = Date.now();
  const outcome = await runSelected(impl, wrapped, opts.reqs, { seed: opts.seed, runs: opts.runs, expectations: [], replay: (id) => id, timeoutMs: 120_000 });
  await impl.stop();
  if (impl.restarts() > 0) throw new Error('the traced pristine adapter was restarted: request order is lost, coverage cannot be paired');
  opts.log(`traced ${profile} in ${Math.round((Date.now() - t0) / 1000)} s`);

  const records = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number; cmd: string | null; op: string | null; lines: Record<string, number[]> });
  rmSync(trace, { force: true });
  const index = new Map(checks.map((c, i) => [c.id, i]));
  const cov: Coverage = { checks: checks.map((c) => c.id), lines: {}, importTime: {}, notPassing: outcome.results.filter((r) => r.outcome !== 'pass').map((r) => r.id) };
  let k = 0;
  for (const rec of records) {
    if (rec.i === 0 || rec.cmd === 'start') {
      for (const [f, ls] of Object.entries(rec.lines)) cov.importTime[f] = [...new Set([...(cov.importTime[f] ?? []), ...ls])].sort((a, b) => a - b);
      continue;
    }
    if (rec.cmd !== 'run') continue;
    const call = calls[k++];
    if (!call || call.op !== rec.op) throw new Error(`coverage pairing lost at run request ${k}: harness sent ${call?.op}, adapter read ${rec.op}`);
    const ci = index.get(call.check)!;
    for (const [f, ls] of Object.entries(rec.lines)) {
      const byLine = (cov.lines[f] ??= {});
      for (const l of ls) {
        const list = (byLine[l] ??= []);
        if (list.at(-1) !== ci) list.push(ci);
      }
    }
  }
  if (k !== calls.length) throw new Error(`coverage pairing: ${calls.length} op calls, ${k} run requests traced`);
  writeFileSync(cached, JSON.stringify(cov));
  return cov;
}

/**
 * The checks to try first for a mutant of `file` spanning lines [line, endLine]: every check that
 * executed one of them; every check of the module's profiles if one of them runs at load time.
 */
export function coveringChecks(cov: Coverage, file: string, line: number, endLine: number): { ids: Set<string>; importTime: boolean } {
  const ids = new Set<string>();
  const imp = new Set(cov.importTime[file] ?? []);
  let importTime = false;
  for (let l = line; l <= endLine; l++) {
    if (imp.has(l)) importTime = true;
    for (const i of cov.lines[file]?.[l] ?? []) ids.add(cov.checks[i]!);
  }
  return { ids, importTime };
}
