// Start-up of the conformance CLI (issue 16): `--help`, `--version` and `--list`, wall time (median
// of several runs) and CPU time, for the published entry (compiled JS in dist/, plain Node), for the
// repository's source entry (TypeScript through tsx), and for the harness as it was before the
// start-up work (commit de441cc, extracted once with `git archive` and run from its sources).
// Ratios are printed against that baseline and against a bare `node -e 0`; the target is
// `--help` and `--list` under 0.5 s on an idle machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const BASELINE_COMMIT = 'de441cc';
const BASELINE = join(ROOT, 'tmp', `kibitz-startup-${BASELINE_COMMIT}`); // tmp/ is git-ignored
const RUNS = 5;

function baseline(): string | null {
  if (existsSync(join(BASELINE, 'bin/kibitz-conformance.mjs'))) return BASELINE;
  try {
    mkdirSync(BASELINE, { recursive: true });
    const tar = execFileSync('git', ['-C', ROOT, 'archive', BASELINE_COMMIT, 'bin', 'conformance', 'reference', 'schemas', 'spec', 'vectors', 'package.json'], { maxBuffer: 256 << 20 });
    spawnSync('tar', ['-x', '-C', BASELINE], { input: tar });
    symlinkSync(join(ROOT, 'node_modules'), join(BASELINE, 'node_modules'));
    return BASELINE;
  } catch {
    return null; // not a git checkout: compare against the source entry only
  }
}

function ensureBuilt(): boolean {
  if (existsSync(join(ROOT, 'dist/bin/conformance-entry.js'))) return true;
  return spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' }).status === 0;
}

/** Median wall and CPU seconds of `node ...args`. */
function measure(args: string[], cwd = ROOT): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const [u, s] = (r.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
    cpus.push((u ?? 0) + (s ?? 0));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: med(walls), cpu: med(cpus) };
}

export async function run(): Promise<void> {
  const built = ensureBuilt();
  const base = baseline();
  const node = measure(['-e', '0']);
  const rows: [string, { wall: number; cpu: number }, string][] = [];
  for (const flag of ['--help', '--version', '--list']) {
    const old = base && flag !== '--version' ? measure([join(base, 'bin/kibitz-conformance.mjs'), flag], base) : null;
    if (old) rows.push([`${flag} before (de441cc, tsx)`, old, '1.00x']);
    const src = measure([join(ROOT, 'bin/kibitz-conformance.mjs'), flag]);
    rows.push([`${flag} sources (tsx)`, src, old ? `${(src.wall / old.wall).toFixed(2)}x` : '']);
    if (built) {
      const dist = measure([join(ROOT, 'dist/bin/conformance-entry.js'), flag]);
      rows.push([`${flag} published (dist, node)`, dist, old ? `${(dist.wall / old.wall).toFixed(2)}x` : '']);
    }
  }
  console.log(`CLI start-up, median of ${RUNS} runs (node -e 0: ${node.wall.toFixed(3)} s wall, ${node.cpu.toFixed(2)} s CPU)`);
  console.log(`${'command'.padEnd(36)} ${'wall s'.padStart(8)} ${'CPU s'.padStart(7)} ${'vs before'.padStart(10)} ${'vs node'.padStart(8)}`);
  for (const [label, m, vs] of rows) {
    console.log(`${label.padEnd(36)} ${m.wall.toFixed(3).padStart(8)} ${m.cpu.toFixed(2).padStart(7)} ${vs.padStart(10)} ${`${(m.wall / node.wall).toFixed(1)}x`.padStart(8)}`);
  }
  if (!built) console.log('(dist/ is not built: npm run build)');
}
