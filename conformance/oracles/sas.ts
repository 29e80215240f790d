// The harness's model of the safety code (spec/06-safety-code.md SAS-04..SAS-08), a few lines over
// @noble/hashes and the normative table spec/data/sas-alphabet.json.
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromRoot } from '../lib/paths.ts';
import { utf8 } from '../lib/text.ts';
import { canonicalFp } from './fingerprint.ts';

let table: string[] | null = null;
/** The 32 symbols in index order, read once from the normative data file. */
export function sasSymbols(): string[] {
  table ??= (JSON.parse(readFileSync(fromRoot('spec', 'data', 'sas-alphabet.json'), 'utf8')) as { symbols: { index: number; codePoint: string }[] }).symbols
    .sort((a, b) => a.index - b.index)
    .map((s) => String.fromCodePoint(parseInt(s.codePoint.slice(2), 16)));
  return table;
}

export function sasCode(fpA: string, fpB: string, symbols = 4): { code: string; indices: number[] } {
  const [lo, hi] = [canonicalFp(fpA), canonicalFp(fpB)].sort(); // default sort: UTF-16 code units
  const digest = sha256(utf8(`${lo}|${hi}`));
  const indices = [...digest.subarray(0, symbols)].map((b) => b & 0x1f);
  return { code: indices.map((i) => sasSymbols()[i]).join(' '), indices };
}
