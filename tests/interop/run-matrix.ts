// `npm run interop`: the live interop matrix, then proof that it can fail.
// 1. Every stack installed here (node, chromium, python when kibitz-py has a peer program), every
//    case, every ordered pair and the trio: all must pass. Reports go to reports/interop/
//    (matrix.json, matrix.md, matrix.html).
// 2. The node stack replaced by each of three broken peer programs: the run must fail, naming the
//    case and the requirement that bug breaks, and only in cells where the broken stack plays.
// Exit status 0 when both hold. Takes a few minutes (WebRTC on loopback, Chromium start-up).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { InteropReport } from '../../schemas/src/interop-report.ts';
import { BROKEN_PEERS } from '../peer/fixtures/broken-peers.ts';

const OUT = 'reports/interop';
const BROKEN: { name: string; case: string; requirement: string }[] = [
  { name: 'sas-unsorted', case: 'safety-code', requirement: 'SAS-05' },
  { name: 'json-serialization', case: 'large-frame', requirement: 'WIRE-01' },
  { name: 'ignores-hostcmd', case: 'host-command', requirement: 'PRES-31' },
];

function interop(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kibitz-conformance.mjs', 'interop', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as InteropReport;
const problems: string[] = [];
const t0 = Date.now();
mkdirSync(OUT, { recursive: true });

console.log('== the full matrix');
const code = await interop(['--jobs', '3', '--allow-missing', '--json', `${OUT}/matrix.json`, '--md', `${OUT}/matrix.md`, '--html', `${OUT}/matrix.html`]);
const full = read(`${OUT}/matrix.json`);
if (code !== 0) problems.push(`the full matrix exited ${code}: ${full.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.case} ${r.stacks.join('>')} ${r.outcome}`).join('; ')}`);
const ran = full.stacks.filter((s) => s.status === 'ran').map((s) => s.name);
const required = ['node', 'chromium', ...(existsSync('implementations/python/peer.py') ? ['python'] : [])];
if (!required.every((r) => ran.includes(r))) problems.push(`the ${required.join(', ')} stacks must run; ran: ${ran.join(', ')}`);

for (const b of BROKEN) {
  if (!BROKEN_PEERS[b.name]) throw new Error(`no broken peer ${b.name}`);
  console.log(`\n== node replaced by the broken peer ${b.name} (${BROKEN_PEERS[b.name]!.bug})`);
  const file = `${OUT}/broken-${b.name}.json`;
  const c = await interop(['--stacks', 'node,chromium', '--stack', `node=cmd:"${process.execPath}" --import tsx tests/peer/fixtures/broken-peer.ts ${b.name}`, '--case', b.case, '--jobs', '2', '--json', file]);
  const r = read(file);
  const failing = r.results.filter((x) => x.outcome === 'fail');
  if (c !== 1) problems.push(`${b.name}: the run exited ${c}, not 1`);
  if (!failing.some((x) => x.case === b.case && x.requirement === b.requirement)) {
    problems.push(`${b.name}: no failure of case ${b.case} naming ${b.requirement}; results: ${JSON.stringify(r.results.map((x) => [x.case, x.stacks.join('>'), x.outcome, x.requirement]))}`);
  }
  const innocent = r.results.filter((x) => !x.stacks.includes('node') && x.outcome !== 'pass');
  if (innocent.length) problems.push(`${b.name}: cells without the broken stack did not pass: ${JSON.stringify(innocent.map((x) => [x.case, x.stacks.join('>'), x.outcome]))}`);
}

console.log(`\ninterop self-check: ${problems.length === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - t0) / 1000)} s`);
for (const p of problems) console.log(`  - ${p}`);
console.log(`${problems.length === 0 ? 1 : 0} passed, ${problems.length === 0 ? 0 : 1} failed`);
process.exit(problems.length === 0 ? 0 : 1);
