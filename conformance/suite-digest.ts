// Which suite judged: digests of the vector set and of the check list, compared with what this
// release was built with. A run against a vector set other than the bundled one, or with vectors
// or checks removed from the installed package, is named in every verdict and never yields the
// plain `conformant`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from './checks/types.ts';
import { vectorFileNames, vectorsDir } from './checks/vectors.ts';
import { fromRoot } from './lib/paths.ts';

/** SHA-256 over the sorted vector file names and their bytes: any edit, addition or removal shows. */
export function vectorSetDigest(dir = vectorsDir()): string {
  const h = createHash('sha256');
  for (const f of vectorFileNames(dir)) {
    h.update(`${f}\n`);
    h.update(readFileSync(join(dir, f)));
    h.update('\n');
  }
  return `sha256:${h.digest('hex')}`;
}

/** SHA-256 over the sorted check ids with their profile and covered requirements. */
export function checkSetDigest(checks: readonly Pick<Check, 'id' | 'profile' | 'covers'>[]): string {
  const lines = checks.map((c) => `${c.id}\t${c.profile}\t${c.covers.join(',')}`).sort();
  return `sha256:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
}

export interface SuiteManifest {
  vectors: string;
  checks: string;
  checkCount: number;
  /** The check lists of the suites with their own CLI (broker, peer, interop), by name. */
  suites?: Record<string, { checks: string; checkCount: number }>;
}

/** Written next to the compiled harness by the build (scripts/build-manifest), absent in a source checkout. */
export const MANIFEST_FILE = 'suite-manifest.json';

function manifest(): SuiteManifest | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return null; // running from sources: the suite is whatever the tree holds
  const file = join(resolve(here, '..', '..'), MANIFEST_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SuiteManifest) : null;
}

export interface SuiteIdentity {
  /** Absent for suites that read no vectors (broker, peer, interop). */
  vectors?: { digest: string; bundled: boolean; dir?: string };
  checks: { count: number; digest: string };
  /** Why this is not the suite as released; empty when it is. */
  modified: string[];
}

export function identifySuite(allChecks: readonly Check[], vectorsOverride?: string): SuiteIdentity {
  const bundledDigest = vectorSetDigest();
  const digest = vectorsOverride ? vectorSetDigest(vectorsOverride) : bundledDigest;
  const checks = { count: allChecks.length, digest: checkSetDigest(allChecks) };
  const modified: string[] = [];
  if (digest !== bundledDigest) modified.push(`vector set ${vectorsOverride} is not the bundled one (${digest.slice(0, 19)}…, bundled ${bundledDigest.slice(0, 19)}…)`);
  const m = manifest();
  if (m && m.vectors !== bundledDigest) modified.push(`the bundled vectors were changed after release (${bundledDigest.slice(0, 19)}…, released ${m.vectors.slice(0, 19)}…)`);
  if (m && digest === bundledDigest && m.checks !== checks.digest) modified.push(`the check list differs from the release (${checks.count} checks, released ${m.checkCount})`);
  return { vectors: { digest, bundled: digest === bundledDigest, ...(vectorsOverride ? { dir: vectorsOverride } : {}) }, checks, modified };
}

/**
 * The identity of a suite that reads no vectors (the broker suite, peer mode, the interop cases):
 * its check list, compared with the one this release was built with [ADP-16].
 */
export function identifyCheckSuite(name: string, checks: readonly Pick<Check, 'id' | 'covers'>[]): SuiteIdentity {
  const ids = { count: checks.length, digest: checkSetDigest(checks.map((c) => ({ id: c.id, profile: name, covers: c.covers }))) };
  const released = manifest()?.suites?.[name];
  const modified = released && released.checks !== ids.digest ? [`the ${name} check list differs from the release (${ids.count} checks, released ${released.checkCount})`] : [];
  return { checks: ids, modified };
}

export const bundledVectorsDir = (): string => fromRoot('vectors');
