// Copies of kibitz-py in a temporary folder: the implementation in the repository is never touched.
// One pristine copy is byte-compiled with hash-checked .pyc files (so an unchanged module loads
// fast, and a mutated one is always recompiled: its source no longer matches the stored hash);
// each worker gets its own copy, writes one mutant into it, runs it, and puts the original back.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMutant, type Mutant } from './generate.ts';

/** Where kibitz-py lives in the repository. */
export const PY_DIR = 'implementations/python';

/** Debian's interpreter: it has python3-cryptography, which kibitz-py needs. */
export const PYTHON = process.env.KBZ_PYTHON ?? '/usr/bin/python3';

/** A mutant that allocates without end must not take the machine with it (bytes of address space). */
const ADDRESS_SPACE_KB = 6 * 1024 * 1024;

export class Workspace {
  readonly root: string;
  readonly pristine: string;

  /**
   * `source` is `git:<rev>` (the committed kibitz-py of that revision: work in progress in the
   * tree is not measured) or a folder.
   */
  constructor(source: string, repo: string) {
    this.root = mkdtempSync(join(tmpdir(), 'kbz-mutants-'));
    this.pristine = join(this.root, 'pristine');
    if (source.startsWith('git:')) {
      const extract = join(this.root, 'extract');
      mkdirSync(extract);
      const tar = execFileSync('git', ['-C', repo, 'archive', source.slice(4), PY_DIR], { maxBuffer: 256 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', extract], { input: tar });
      renameSync(join(extract, PY_DIR), this.pristine);
    } else {
      cpSync(source, this.pristine, { recursive: true, filter: (p) => !p.includes('__pycache__') });
    }
    execFileSync(PYTHON, ['-m', 'compileall', '-q', '--invalidation-mode', 'checked-hash', this.pristine]);
  }

  worker(i: number): WorkerCopy {
    const dir = join(this.root, `w${i}`);
    cpSync(this.pristine, dir, { recursive: true });
    return new WorkerCopy(dir);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export class WorkerCopy {
  constructor(readonly dir: string) {}

  /**
   * The `cmd:` the harness runs: no .pyc written (a mutant's bytecode must never be reused), and
   * PYTHONUNBUFFERED cleared, so that a mutant that stops flushing its answers behaves as it would
   * for a user whose environment does not set it.
   */
  get command(): string {
    return `ulimit -v ${ADDRESS_SPACE_KB} 2>/dev/null; exec env -u PYTHONUNBUFFERED PYTHONDONTWRITEBYTECODE=1 ${PYTHON} ${join(this.dir, 'adapter.py')}`;
  }

  /** Writes the mutant; returns a function that restores the original file. */
  apply(m: Mutant): () => void {
    const path = join(this.dir, m.file);
    const original = readFileSync(path);
    unlinkSync(path); // a fresh file: never write through a link to the pristine copy
    writeFileSync(path, applyMutant(original, m));
    return () => {
      unlinkSync(path);
      writeFileSync(path, original);
    };
  }
}
