// `npm run bench`: runs every benchmark module in bench/ in one process and prints their tables,
// so ratios are measured side by side under the same load. Not part of npm test.
import { readdirSync } from 'node:fs';

const dir = new URL('../bench/', import.meta.url);
const only = process.argv.slice(2);
for (const f of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const mod = (await import(new URL(f, dir).href)) as { run: () => Promise<void> };
  console.log(`\n== ${f.replace('.bench.ts', '')} ==`);
  await mod.run();
}
