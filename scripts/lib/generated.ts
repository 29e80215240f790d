// Writes generated files, or (with --check) only reports which committed ones are stale. Shared by
// every generator script so that "regenerate" and "npm test says it is stale" mean the same thing.
import { readFileSync, writeFileSync } from 'node:fs';

export function syncGenerated(files: Map<string, string>, check: boolean): number {
  let stale = 0;
  for (const [path, text] of files) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(path, text);
  }
  return stale;
}

export const staleNote = (stale: number, check: boolean): string =>
  stale ? (check ? `, ${stale} stale` : `, ${stale} written`) : ', all up to date';
