// How printed commands start the CLI, so that a replay runs as printed: the published command for
// the compiled package, and in a source checkout the repository's launcher (a stale dist/ must not
// replay different code). Shared by every subcommand (the adapter suite, broker, peer, interop).
import { relative } from 'node:path';
import { fromRoot } from '../lib/paths.ts';

/** True when this harness runs from its TypeScript sources (a checkout), false from dist/. */
export const fromSources = (): boolean => import.meta.url.endsWith('.ts');

export function launcher(): string[] {
  if (!fromSources()) return ['npx', 'kibitz-conformance'];
  const bin = fromRoot('bin', 'kibitz-conformance.mjs');
  const rel = relative(process.cwd(), bin);
  return ['node', shellQuote(rel.startsWith('..') ? bin : rel)];
}

export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The reference as a command line (`kibitz-reference`, with `args`): the compiled entry of the
 * installed package, or the sources' launcher in a checkout. A separate process: the judge starts
 * the reference as one more implementation, it never imports it.
 */
export function referenceCommand(args: string): string {
  const entry = fromSources() ? fromRoot('bin', 'kibitz-reference.mjs') : fromRoot('dist', 'bin', 'reference-entry.js');
  return `"${process.execPath}" "${entry}"${args ? ` ${args}` : ''}`;
}
