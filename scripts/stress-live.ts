// `node --import tsx scripts/stress-live.ts <peer|interop> [--runs N] [--burn K] [--jobs J]`: runs the live suites over
// and over, with K busy-loop processes adding CPU load, and counts clean runs. A run is clean when
// the harness exits 0 (every check or cell passed, none errored) and no reference peer process
// wrote anything to stderr (a crash leaves its stack trace there; PeerJS and node-datachannel print
// nothing on a healthy run). The reference's node processes run with their stderr kept per run in
// reports/stress/<suite>-<run>.stderr, so a failure can be read afterwards.
//   peer:    kibitz-conformance peer --impl <reference peer> --mate <reference peer>
//   interop: kibitz-conformance interop, the node stack being the reference peer (every installed stack)
// Prints one line per run and a summary; exit 0 when every run was clean.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, burn: { type: 'string', default: '0' }, jobs: { type: 'string' } },
});
const suite = positionals[0];
if (suite !== 'peer' && suite !== 'interop') {
  console.error('usage: node --import tsx scripts/stress-live.ts <peer|interop> [--runs N] [--burn K] [--jobs J]');
  process.exit(2);
}
const runs = Number(values.runs);
const burn = Number(values.burn);
const OUT = 'reports/stress';
mkdirSync(OUT, { recursive: true });

const reference = (stderr: string) => `"${process.execPath}" bin/kibitz-reference.mjs --peer 2>>"${stderr}"`;

function burners(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

function run(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kibitz-conformance.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const hot = burners(burn);
const stopBurners = () => hot.forEach((b) => b.kill());
process.on('exit', stopBurners);
let clean = 0;
const t0 = Date.now();
for (let i = 1; i <= runs; i++) {
  const stderr = `${OUT}/${suite}-${i}.stderr`;
  rmSync(stderr, { force: true });
  const started = Date.now();
  const load = loadavg()[0]!.toFixed(1);
  const args =
    suite === 'peer'
      ? ['peer', '--impl', `cmd:${reference(stderr)}`, '--mate', `cmd:${reference(stderr)}`, ...(values.jobs ? ['--jobs', values.jobs] : [])]
      : ['interop', '--stack', `node=cmd:${reference(stderr)}`, '--json', `${OUT}/interop-${i}.json`, ...(values.jobs ? ['--jobs', values.jobs] : [])];
  const { code, out } = await run(args);
  const summary =
    suite === 'peer'
      ? (/^peer\s+(\d+)\s+(\d+)\s+\d+\s+(\d+)\s+\d+\s+\d+\s+\d+\s+(\d+)/m.exec(out) ?? []).slice(1)
      : (/interop: (\d+) results: (\d+) pass, (\d+) fail, (\d+) errored/.exec(out) ?? []).slice(1);
  const diag = existsSync(stderr) ? readFileSync(stderr, 'utf8').trim() : '';
  const ok = code === 0 && diag === '';
  if (ok) clean++;
  const counts = suite === 'peer' ? `pass ${summary[0]} fail ${summary[1]} unsupported ${summary[2]} errored ${summary[3]}` : `results ${summary[0]} pass ${summary[1]} fail ${summary[2]} errored ${summary[3]}`;
  console.log(`${suite} run ${i}/${runs}: ${ok ? 'clean' : 'NOT CLEAN'} (exit ${code}; ${counts}; ${((Date.now() - started) / 1000).toFixed(0)} s; load ${load})`);
  if (diag) console.log(`  reference stderr (${stderr}):\n    ${diag.split('\n').slice(0, 12).join('\n    ')}`);
  if (code !== 0) console.log(out.split('\n').filter((l) => /fail|errored|FAIL|✗|crash/i.test(l)).slice(0, 12).map((l) => `  ${l}`).join('\n'));
}
stopBurners();
console.log(`${suite}: ${clean} of ${runs} runs clean, ${burn} busy loops, ${((Date.now() - t0) / 60000).toFixed(1)} min`);
process.exit(clean === runs ? 0 : 1);
