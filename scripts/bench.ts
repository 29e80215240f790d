// `npm run bench`: runs every benchmark module in bench/ in one process and prints their tables,
// so ratios are measured side by side under the same load. Not part of npm test.
// `npm run bench -- presence broker` runs only the modules whose names contain those words.
//
// Issue 16's figures come first, in this order: the coordinator on the presence trace (presence),
// host-command verification (ecdsa), the broker suite's wall time (broker), and the CLI's start-up
// (startup, the harness's module). A module's `run()` may return summary lines; they are printed
// together at the end, so one run ends with every target and its measured value.
import { readdirSync } from 'node:fs';

const FIRST = ['presence', 'ecdsa', 'broker', 'startup'];

const dir = new URL('../bench/', import.meta.url);
const only = process.argv.slice(2);
const rank = (f: string) => {
  const i = FIRST.indexOf(f.replace('.bench.ts', ''));
  return i < 0 ? FIRST.length : i;
};
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const summary: string[] = [];
for (const f of files) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const mod = (await import(new URL(f, dir).href)) as { run: () => Promise<string[] | void> };
  console.log(`\n== ${f.replace('.bench.ts', '')} ==`);
  const lines = await mod.run();
  if (Array.isArray(lines)) summary.push(...lines);
}
if (summary.length) console.log(`\n== summary ==\n${summary.join('\n')}`);
