// One check per vector. The vector files are read through their JSON Schema, never through the
// reference's types, so the suite cannot silently mirror the implementation it came from. An `ok`
// output is first checked against the op's published contract (schemas/src/ops, ADP-05), then
// compared with the vector's expected output (10.3). Schema validation and the op contracts are
// loaded when the first vector runs, so listing checks stays cheap.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../lib/json.ts';
import { fromRoot } from '../lib/paths.ts';
import type { VectorFile, VectorTest } from '../../schemas/src/vector-file.ts';
import type { OpSchema } from '../../schemas/src/ops/index.ts';
import { compareOutput } from '../compare.ts';
import { isErrored, isUnsupported } from '../impl/types.ts';
import { errorCodeRequirements } from '../spec-index.ts';
import type { Check, RawResult } from './types.ts';

export type VectorFileData = VectorFile;

export function vectorsDir(): string {
  return fromRoot('vectors');
}

/** The vector files of a directory, sorted by name. */
export function vectorFileNames(dir = vectorsDir()): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

/** Where each file came from, for validation messages. */
const origin = new WeakMap<object, string>();

/**
 * Parses the vector files of a directory. Only the structure checks are built from is checked
 * here; each file is validated against its schema before its first vector runs (and the CLI
 * validates every file before a run starts, see validateVectorFiles).
 */
export function loadVectorFiles(dir = vectorsDir()): VectorFile[] {
  return vectorFileNames(dir).map((f) => {
    const path = join(dir, f);
    const data = JSON.parse(readFileSync(path, 'utf8')) as VectorFile;
    const groups = (data as { groups?: unknown }).groups;
    if (typeof data !== 'object' || data === null || !Array.isArray(groups) || !groups.every((g) => Array.isArray((g as { tests?: unknown })?.tests))) {
      throw new Error(`${path} is not a valid vector file: no groups of tests`);
    }
    origin.set(data, path);
    return data;
  });
}

const validated = new WeakMap<object, string | null>();

/** Validates files against the vector-file schema; resolves to the first problem, or null. */
export async function validateVectorFiles(files: readonly VectorFile[]): Promise<string | null> {
  const { vectorFileProblem } = await import('./vector-validate.ts');
  for (const f of files) {
    if (!validated.has(f)) validated.set(f, vectorFileProblem(f));
    const problem = validated.get(f);
    if (problem) return `${origin.get(f) ?? f.file} is not a valid vector file: ${problem}`;
  }
  return null;
}

let contracts: Map<string, OpSchema> | null = null;
async function contractOf(op: string): Promise<{ contract: OpSchema; validate: (c: OpSchema, o: unknown) => { ok: true } | { ok: false; errors: string[] } } | null> {
  const [{ OP_SCHEMAS }, { validateOutputWith }] = await Promise.all([import('../../schemas/src/ops/index.ts'), import('../../schemas/src/ops/validate.ts')]);
  contracts ??= new Map(OP_SCHEMAS.map((s) => [s.op, s]));
  const contract = contracts.get(op);
  return contract ? { contract, validate: validateOutputWith } : null;
}

/** What the attribution of a vector failure needs to know about the spec. */
export interface VectorContext {
  /** Error code -> requirement IDs, from the chapters' Errors tables. */
  errorRequirements: Map<string, string[]>;
}

/**
 * The requirement a failure is charged to. By convention `covers[0]` is the most specific one;
 * for an invalid vector, the requirement the Errors tables assign the expected code to wins when
 * the vector covers it, because that is the rule a wrong or missing rejection breaks.
 */
export function chargedRequirement(test: VectorTest, ctx: VectorContext): string {
  if (test.result === 'invalid' && test.error) {
    const owners = ctx.errorRequirements.get(test.error) ?? [];
    const hit = test.covers.find((c) => owners.includes(c));
    if (hit) return hit;
  }
  return test.covers[0]!;
}

export function vectorCheck(file: VectorFile, test: VectorTest, ctx: VectorContext): Check {
  const charged = chargedRequirement(test, ctx);
  return {
    id: test.id,
    profile: file.profile,
    kind: 'vector',
    covers: test.covers,
    description: test.description,
    async run(impl): Promise<RawResult> {
      const problem = await validateVectorFiles([file]);
      if (problem) return { status: 'errored', message: problem };
      const input = test.input as JsonObject;
      const shown = { input };
      const resp = await impl.run(test.op, input);
      if (isErrored(resp)) return { status: 'errored', message: resp.message };
      if (isUnsupported(resp)) return { status: 'unsupported', message: `op ${test.op} is unsupported` };
      if (test.result === 'valid') {
        if (!resp.ok) {
          return { status: 'fail', requirement: charged, message: `rejected a valid input: ${resp.error.code}: ${resp.error.message}`, expected: test.expected, actual: resp.error, ...shown };
        }
        const c = await contractOf(test.op);
        if (c) {
          const shape = c.validate(c.contract, resp.output);
          if (!shape.ok) {
            return { status: 'fail', requirement: 'ADP-05', message: `the output does not have the shape ${test.op} defines: ${shape.errors.slice(0, 3).join('; ')}`, expected: test.expected, actual: resp.output, ...shown };
          }
        }
        const v = compareOutput(test.op, input, test.expected as JsonObject, resp.output);
        if (v.same) return { status: 'pass' };
        return { status: 'fail', requirement: v.requirement ?? charged, message: v.message, expected: test.expected, actual: resp.output, ...shown };
      }
      if (resp.ok) return { status: 'fail', requirement: charged, message: `accepted an invalid input (expected ${test.error})`, expected: { error: test.error }, actual: resp.output, ...shown };
      if (resp.error.code !== test.error) {
        return { status: 'fail', requirement: charged, message: `rejected with ${resp.error.code}, expected ${test.error} (ADP-06: the first failing step decides the code)`, expected: { error: test.error }, actual: resp.error, ...shown };
      }
      return { status: 'pass' };
    },
  };
}

let defaultContext: VectorContext | null = null;

/** Every vector as a check. The context may be omitted (or a requirements map, the older form). */
export function vectorChecks(ctx?: VectorContext | Map<string, unknown>, files: VectorFile[] = loadVectorFiles()): Check[] {
  const context = ctx && !(ctx instanceof Map) ? ctx : (defaultContext ??= { errorRequirements: errorCodeRequirements() });
  return files.flatMap((f) => f.groups.flatMap((g) => g.tests.map((t) => vectorCheck(f, t, context))));
}
