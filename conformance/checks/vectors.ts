// One check per vector. The vector files are read through their JSON Schema, never through the
// reference's types, so the suite cannot silently mirror the implementation it came from.
import { readdirSync, readFileSync } from 'node:fs';
import { Compile } from 'typebox/compile';
import type { JsonObject } from '../lib/json.ts';
import { VectorFile, type VectorTest } from '../../schemas/src/vector-file.ts';
import { compareOutput } from '../compare.ts';
import { isErrored, isUnsupported } from '../impl/types.ts';
import type { Requirement } from '../spec-index.ts';
import type { Check, RawResult } from './types.ts';

const checkFile = Compile(VectorFile);
export type VectorFileData = VectorFile;

export function vectorsDir(): string {
  return new URL('../../vectors/', import.meta.url).pathname;
}

export function loadVectorFiles(dir = vectorsDir()): VectorFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const data = JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as unknown;
      if (!checkFile.Check(data)) throw new Error(`vectors/${f} is not a valid vector file: ${JSON.stringify(checkFile.Errors(data).slice(0, 3))}`);
      return data;
    });
}

/** The requirement a failure is charged to: the strongest-level requirement the test covers. */
export function primaryRequirement(covers: string[], reqs: Map<string, Requirement>): string {
  const rank = { MUST: 0, SHOULD: 1, MAY: 2 } as const;
  return [...covers].sort((a, b) => rank[reqs.get(a)?.level ?? 'MAY'] - rank[reqs.get(b)?.level ?? 'MAY'])[0]!;
}

export function vectorCheck(file: VectorFile, test: VectorTest, reqs: Map<string, Requirement>): Check {
  const primary = primaryRequirement(test.covers, reqs);
  return {
    id: test.id,
    profile: file.profile,
    kind: 'vector',
    covers: test.covers,
    description: test.description,
    async run(impl): Promise<RawResult> {
      const input = test.input as JsonObject;
      const resp = await impl.run(test.op, input);
      if (isErrored(resp)) return { status: 'errored', message: resp.message };
      if (isUnsupported(resp)) return { status: 'unsupported', message: `op ${test.op} is unsupported` };
      if (test.result === 'valid') {
        if (!resp.ok) {
          return { status: 'fail', requirement: primary, message: `rejected a valid input: ${resp.error.code}: ${resp.error.message}`, expected: test.expected, actual: resp.error };
        }
        const v = compareOutput(test.op, input, test.expected as JsonObject, resp.output);
        if (v.same) return { status: 'pass' };
        return { status: 'fail', requirement: v.requirement ?? primary, message: v.message, expected: test.expected, actual: resp.output };
      }
      if (resp.ok) return { status: 'fail', requirement: primary, message: `accepted an invalid input (expected ${test.error})`, expected: { error: test.error }, actual: resp.output };
      if (resp.error.code !== test.error) {
        return { status: 'fail', requirement: primary, message: `rejected with ${resp.error.code}, expected ${test.error} (the first failing step decides the code)`, expected: { error: test.error }, actual: resp.error };
      }
      return { status: 'pass' };
    },
  };
}

export function vectorChecks(reqs: Map<string, Requirement>, files: VectorFile[] = loadVectorFiles()): Check[] {
  return files.flatMap((f) => f.groups.flatMap((g) => g.tests.map((t) => vectorCheck(f, t, reqs))));
}
