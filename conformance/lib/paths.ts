// Where the package's data lives (spec/, vectors/, package.json), found from this module's own
// location by walking up to the package root, so the same code works from the TypeScript sources
// and from the compiled JavaScript in dist/ (one level deeper).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kibitz-protocol') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('kibitz-protocol package root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** A path inside the package, e.g. fromRoot('spec', 'data', 'sas-alphabet.json'). */
export const fromRoot = (...parts: string[]): string => join(packageRoot(), ...parts);
