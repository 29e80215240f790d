// Which suite is judging: the package version (the suite and its vectors are released together)
// and the spec version, both read from their one source (package.json, spec/README.md).
import { readFileSync } from 'node:fs';
import { fromRoot } from './lib/paths.ts';

let cached: { suiteVersion: string; specVersion: string } | null = null;

export function suiteInfo(): { suiteVersion: string; specVersion: string } {
  if (cached) return cached;
  const suiteVersion = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
  const m = /Spec version \*\*([0-9][^*]*)\*\*/.exec(readFileSync(fromRoot('spec', 'README.md'), 'utf8'));
  return (cached = { suiteVersion, specVersion: m?.[1] ?? 'unknown' });
}
