// The mutants of a kibitz-py tree: py_mutants.py applies its rules (boundary flips, dropped checks,
// reordered steps, lenient decoding, wrong Unicode handling, error-code swaps, changed constants)
// to every file the selected profiles reach, and this module reads its answer. Error codes come
// from the spec's Errors tables, so a swap always lands on another code of the same area.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodeRequirements } from '../../conformance/spec-index.ts';
import { PYTHON } from './workspace.ts';

export interface Mutant {
  /** Stable: file, function, rule, original => replacement, occurrence. */
  key: string;
  file: string;
  func: string;
  rule: string;
  bugClass: string;
  line: number;
  endLine: number;
  /** Byte range of the original file that the replacement takes. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  description: string;
  /** The source lines around the edit, as they were when the mutant was made. */
  context: { from: number; lines: string[] };
}

export interface ModuleInfo {
  module: string;
  /** Profiles whose op module imports this file (directly or not): the only ones that can run it. */
  profiles: string[];
}

export interface MutantSet {
  mutants: Mutant[];
  modules: Record<string, ModuleInfo>;
}

const HERE = new URL('.', import.meta.url).pathname;

export function generateMutants(root: string, opts: { seed: number; profiles: readonly string[] }): MutantSet {
  const dir = mkdtempSync(join(tmpdir(), 'kbz-codes-'));
  try {
    const codes = join(dir, 'codes.json');
    writeFileSync(codes, JSON.stringify([...errorCodeRequirements().keys()].sort()));
    const out = execFileSync(PYTHON, [join(HERE, 'py_mutants.py'), root, codes, '--seed', String(opts.seed), '--profiles', opts.profiles.join(',')], {
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'utf8',
    });
    return JSON.parse(out) as MutantSet;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The mutated text of a file: the original bytes with one range replaced. */
export function applyMutant(original: Buffer, m: Pick<Mutant, 'start' | 'end' | 'replacement'>): Buffer {
  return Buffer.concat([original.subarray(0, m.start), Buffer.from(m.replacement, 'utf8'), original.subarray(m.end)]);
}
