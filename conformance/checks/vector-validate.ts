// Vector files are read through their published JSON Schema (schemas/src/vector-file.ts). The
// validator is loaded on first use, not at import: TypeBox is hundreds of modules, and listing the
// checks (`--list`) must not pay for it.
import { Compile } from 'typebox/compile';
import { VectorFile } from '../../schemas/src/vector-file.ts';

let checker: ReturnType<typeof Compile<typeof VectorFile>> | null = null;

/** Null when `data` is a valid vector file, else the first errors. */
export function vectorFileProblem(data: unknown): string | null {
  checker ??= Compile(VectorFile);
  return checker.Check(data) ? null : JSON.stringify(checker.Errors(data).slice(0, 3));
}
