// `npm run mutants:py`: measure the conformance suite by how many rule-generated mutants of an
// independent implementation (kibitz-py, implementations/python) it catches.
//
//   npm run mutants:py -- [--profile crypto,presence,admission] [--sample N] [--seed S]
//                         [--jobs J] [--file SUBSTR] [--rule NAME] [--keys FILE]
//                         [--survivors-of REPORT.json] [--no-confirm] [--timeout MS]
//                         [--runs N] [--out DIR] [--list]
//
// kibitz-py is copied to a temporary folder (the repository copy is never written); each mutant is
// one rule-made edit of one file (scripts/mutation/py_mutants.py). Each is run through the
// harness's runner against the profiles that can execute it, first the checks whose pristine run
// executed the mutated lines, then (if none caught it) every check of those profiles
// (scripts/mutation/run.ts says why this narrowing cannot hide a catch). Deterministic: mutants,
// the sample and the property checks' seed are fixed by --seed and --check-seed.
// Survivors judged equivalent are listed with the reason in scripts/mutation/judged.json.
// Writes <out>/python.json and <out>/python.md (default reports/mutation/).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from '../conformance/cli.ts';
import { loadVectorFiles } from '../conformance/checks/vectors.ts';
import { loadRequirements } from '../conformance/spec-index.ts';
import { allChecks, KNOWN_PROFILES } from '../conformance/suite.ts';
import { checkSetDigest } from '../conformance/suite-digest.ts';
import { chapterOf, profileOf } from './mutation/chapters.ts';
import { coveringChecks, traceCoverage } from './mutation/coverage.ts';
import { resolveImplementation } from '../conformance/impl/resolve.ts';
import { runSelected } from '../conformance/runner.ts';
import { generateMutants, type Mutant } from './mutation/generate.ts';
import { buildMutationReport, markdown, type Judgement } from './mutation/report.ts';
import { runMutant, type MutantResult } from './mutation/run.ts';
import { digestSources } from './mutation/digest.ts';
import { Workspace } from './mutation/workspace.ts';

const { values: a } = parseArgs({
  options: {
    profile: { type: 'string', default: '' },
    source: { type: 'string', default: 'git:HEAD' },
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'check-seed': { type: 'string', default: String(DEFAULT_SEED) },
    runs: { type: 'string', default: '100' },
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    file: { type: 'string', multiple: true },
    rule: { type: 'string', multiple: true },
    keys: { type: 'string' },
    'survivors-of': { type: 'string' },
    'no-confirm': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '10000' },
    out: { type: 'string', default: 'reports/mutation' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (a.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

const ROOT = new URL('..', import.meta.url).pathname;
const JUDGED = join(ROOT, 'scripts', 'mutation', 'judged.json');
const asked = a.profile!.split(',').filter(Boolean);
for (const p of asked) if (!(KNOWN_PROFILES as readonly string[]).includes(p)) throw new Error(`unknown profile ${p}`);
const seed = Number(a.seed);
const ctx = { reqs: loadRequirements(), seed: Number(a['check-seed']), runs: Number(a.runs), timeoutMs: Number(a.timeout) };
const log = (s: string) => console.error(`[mutants:py] ${s}`);

// ---- the mutants --------------------------------------------------------------------------------
const t0 = Date.now();
const ws = new Workspace(a.source!, ROOT);
process.on('exit', () => ws.dispose());
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));
const set = generateMutants(ws.pristine, { seed, profiles: asked });
// Without --profile: every profile kibitz-py's op modules declare.
const profiles = asked.length ? asked : KNOWN_PROFILES.filter((p) => Object.values(set.modules).some((m) => m.profiles.includes(p)));
const profileOfM = (m: Mutant) => profileOf(m.file, set.modules[m.file]!.profiles);
// A file is scored under the profile of its chapter; one whose profile is not selected is left out
// (a presence run does not score the agents code the presence door calls).
let mutants = set.mutants.filter((m) => profileOfM(m) === 'adapter' || profiles.includes(profileOfM(m)));
const generated = mutants.length;
if (a.file?.length) mutants = mutants.filter((m) => a.file!.some((f) => m.file.includes(f)));
if (a.rule?.length) mutants = mutants.filter((m) => a.rule!.includes(m.rule));
if (a.keys) {
  const keys = new Set(readFileSync(a.keys, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean));
  mutants = mutants.filter((m) => keys.has(m.key));
}
if (a['survivors-of']) {
  const prev = JSON.parse(readFileSync(a['survivors-of'], 'utf8')) as { results: MutantResult[] };
  const keys = new Set(prev.results.filter((r) => r.status === 'survived').map((r) => r.key));
  mutants = mutants.filter((m) => keys.has(m.key));
}
if (a.sample) mutants = sample(mutants, Number(a.sample), seed);
if (a.list) {
  const count = new Map<string, number>();
  for (const m of mutants) count.set(`${profileOfM(m)}\t${m.file}`, (count.get(`${profileOfM(m)}\t${m.file}`) ?? 0) + 1);
  for (const [k, v] of [...count].sort()) console.log(`${String(v).padStart(5)}  ${k}`);
  console.log(`${mutants.length} mutants (${generated} generated)`);
  process.exit(0);
}

/** A seeded sample, in generation order (a fixed --seed gives the same mutants every time). */
function sample<T>(xs: readonly T[], n: number, s: number): T[] {
  let x = s >>> 0 || 1;
  const rnd = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  const idx = xs.map((_, i) => ({ i, r: rnd() })).sort((p, q) => p.r - q.r).slice(0, n).map((p) => p.i).sort((p, q) => p - q);
  return idx.map((i) => xs[i]!);
}

// ---- the suite, and which checks run which lines ---------------------------------------------
const vectorFiles = loadVectorFiles();
const every = allChecks(ctx.reqs, vectorFiles);
const suiteChecks = every.filter((c) => profiles.includes(c.profile) || c.profile === 'adapter');
// A profile's checks are its vector files and the harness code; another profile's check folder is
// left out, so that a new check elsewhere does not retrace this profile.
const suiteDigest = (p: string): string => {
  const files = vectorFiles.filter((f) => f.profile === p);
  const others = new Set(KNOWN_PROFILES.filter((q) => q !== p).map((q) => `checks/${q}/`));
  return `${createHash('sha256').update(JSON.stringify(files)).digest('hex')} ${checkSetDigest(suiteChecks.filter((c) => c.profile === p))} ${digestSources(join(ROOT, 'conformance'), ['.ts'], (rel) => ![...others].some((o) => rel.startsWith(o)))}`;
};
const cov = await traceCoverage({ pristine: ws.pristine, checks: suiteChecks.filter((c) => c.profile !== 'adapter'), reqs: ctx.reqs, seed: ctx.seed, runs: ctx.runs, suiteDigest, log });
// A check the pristine implementation does not pass cannot judge a mutant: left out, and named.
// The coverage trace gives that verdict for the profiles' checks; the `adapter` profile's checks
// (raw sessions, not traced) are run once here against the untraced pristine copy.
const excluded = new Set(cov.notPassing);
const adapterChecks = suiteChecks.filter((c) => c.profile === 'adapter');
if (adapterChecks.length) {
  const impl = resolveImplementation(`cmd:${ws.worker(-1).command}`, { timeoutMs: ctx.timeoutMs, startTimeoutMs: Math.max(20_000, ctx.timeoutMs) });
  await impl.start();
  try {
    const outcome = await runSelected(impl, adapterChecks, ctx.reqs, { seed: ctx.seed, runs: ctx.runs, expectations: [], replay: (id) => id, timeoutMs: ctx.timeoutMs });
    for (const r of outcome.results) if (r.outcome !== 'pass') excluded.add(r.id);
  } finally {
    await impl.stop().catch(() => {});
  }
}
if (excluded.size) log(`left out, because the pristine kibitz-py does not pass them: ${[...excluded].join(', ')}`);
const judging = suiteChecks.filter((c) => !excluded.has(c.id));

function plan(m: Mutant): { first: typeof suiteChecks; all: typeof suiteChecks } {
  const reach = set.modules[m.file]!.profiles;
  const withAdapter = m.file === 'adapter.py';
  const all = judging.filter((c) => reach.includes(c.profile) || (withAdapter && c.profile === 'adapter'));
  const { ids, importTime } = coveringChecks(cov, m.file, m.line, m.endLine);
  const first = importTime ? all : all.filter((c) => ids.has(c.id) || (withAdapter && c.profile === 'adapter'));
  return { first, all: a['no-confirm'] ? first : all };
}

// ---- run -------------------------------------------------------------------------------------
const jobs = Math.max(1, Number(a.jobs));
log(`${mutants.length} of ${generated} mutants, ${jobs} jobs, profiles ${profiles.join(', ')}`);
const results: MutantResult[] = [];
let next = 0;
const started = Date.now();
async function worker(i: number): Promise<void> {
  const copy = ws.worker(i);
  for (;;) {
    const m = mutants[next++];
    if (!m) return;
    const { first, all } = plan(m);
    const r = await runMutant(m, copy, first, all, ctx);
    results.push(r);
    const done = results.length;
    const eta = ((Date.now() - started) / done) * (mutants.length - done);
    if (done % 25 === 0 || done === mutants.length || r.status === 'survived') {
      const caught = results.filter((x) => x.status === 'caught').length;
      log(`${done}/${mutants.length} (${caught} caught) ETA ${Math.round(eta / 60000)} min${r.status === 'survived' ? `  survived: ${m.key}` : ''}`);
    }
  }
}
await Promise.all(Array.from({ length: jobs }, (_, i) => worker(i)));

// ---- report ----------------------------------------------------------------------------------
const judged = JSON.parse(readFileSync(JUDGED, 'utf8')) as Record<string, Judgement>;
const order = new Map(mutants.map((m, i) => [m.key, i]));
results.sort((p, q) => order.get(p.key)! - order.get(q.key)!);
const report = buildMutationReport({
  mutants,
  generated,
  results,
  judged,
  profileOf: profileOfM,
  chapterOf: (m) => chapterOf(m.file),
  options: { source: a.source, profiles, seed, checkSeed: ctx.seed, runs: ctx.runs, jobs, confirm: !a['no-confirm'], ...(a.sample ? { sample: Number(a.sample) } : {}), ...(a.file ? { file: a.file } : {}), ...(a.rule ? { rule: a.rule } : {}) },
  wallSeconds: (Date.now() - t0) / 1000,
  excludedChecks: [...excluded],
});
const out = resolve(a.out!);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'python.json'), JSON.stringify(report, null, 1));
writeFileSync(join(out, 'python.md'), markdown(report));
for (const r of report.byProfile) log(`${r.name.padEnd(10)} ${r.caught}/${r.caught + r.survived} caught (${r.equivalent} equivalent)  ${r.score === null ? '-' : (100 * r.score).toFixed(1)}%`);
log(`overall ${report.overall.caught}/${report.overall.caught + report.overall.survived} = ${report.overall.score === null ? '-' : (100 * report.overall.score).toFixed(1)}%; ${report.survivors.length} survivors; wrote ${join(out, 'python.json')} and python.md in ${report.wallSeconds} s`);
if (report.staleJudgements.length) log(`${report.staleJudgements.length} mutants judged equivalent were caught: fix scripts/mutation/judged.json`);
process.exit(0);
