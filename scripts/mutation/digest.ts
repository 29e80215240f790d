// A digest of the TypeScript sources under a folder: the traced coverage is reused only while the
// checks' code is unchanged (check ids alone do not change when a property check is strengthened).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function digestSources(dir: string, exts: readonly string[] = ['.ts'], keep: (rel: string) => boolean = () => true): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((e) => name.endsWith(e)) && keep(relative(dir, p))) h.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return `sha256:${h.digest('hex')}`;
}
