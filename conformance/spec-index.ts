// Reads every requirement out of spec/*.md: its ID, level, chapter and text. The markdown is the
// single source of truth; spec/requirements.json is generated from this for other languages.
import { readdirSync, readFileSync } from 'node:fs';

export type Level = 'MUST' | 'SHOULD' | 'MAY';
export interface Requirement {
  id: string;
  level: Level;
  chapter: string;
  text: string;
  retired: boolean;
}

const MARKER = /\*\*\[([A-Z]+-\d{2,3})\]\*\*/g;
const MUST_WORDS = /\b(MUST(?: NOT)?|REQUIRED|SHALL(?: NOT)?)\b/;
const SHOULD_WORDS = /\b(SHOULD(?: NOT)?|(?:NOT )?RECOMMENDED)\b/;
const MAY_WORDS = /\b(MAY|OPTIONAL)\b/;

/** Text without code spans and quoted keywords ("MUST" in the boilerplate is not a requirement). */
export const normativeText = (s: string): string => s.replace(/`[^`]*`/g, '').replace(/"[A-Z ]+"/g, '');

export function levelOf(text: string): Level | null {
  const t = normativeText(text);
  if (MUST_WORDS.test(t)) return 'MUST';
  if (SHOULD_WORDS.test(t)) return 'SHOULD';
  if (MAY_WORDS.test(t)) return 'MAY';
  return null;
}

/** Splits markdown into blocks: a list item (with its continuation lines) or a paragraph. */
export function blocks(markdown: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let inFence = false;
  const flush = () => {
    if (cur.length) out.push(cur.join('\n'));
    cur = [];
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '' || /^#{1,6} /.test(line)) {
      flush();
      if (line.trim() !== '') out.push(line);
      continue;
    }
    if (/^\s{0,3}(?:[-*]|\d+\.) /.test(line) && !/^\s{4,}/.test(line)) flush(); // a new top-level item
    cur.push(line);
  }
  flush();
  return out;
}

export function specDir(): string {
  return new URL('../spec/', import.meta.url).pathname;
}

export function chapters(dir = specDir()): string[] {
  return readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
}

export function loadRequirements(dir = specDir()): Map<string, Requirement> {
  const reqs = new Map<string, Requirement>();
  for (const chapter of chapters(dir)) {
    for (const block of blocks(readFileSync(`${dir}${chapter}`, 'utf8'))) {
      const ids = [...block.matchAll(MARKER)].map((m) => m[1]!);
      if (ids.length === 0) continue;
      if (ids.length > 1) throw new Error(`${chapter}: one block defines several requirements: ${ids.join(', ')}`);
      const id = ids[0]!;
      if (reqs.has(id)) throw new Error(`${chapter}: requirement ${id} defined twice`);
      const retired = /\*Retired\b/.test(block);
      const level = levelOf(block);
      if (!level && !retired) throw new Error(`${chapter}: ${id} has no BCP 14 keyword`);
      reqs.set(id, { id, level: level ?? 'MAY', chapter: `spec/${chapter}`, text: block.replace(/\s+/g, ' ').trim(), retired });
    }
  }
  return reqs;
}

/** Blocks that use a BCP 14 keyword but carry no requirement ID (the lint of spec/README.md). */
export function unmarkedNormativeBlocks(dir = specDir()): { chapter: string; text: string }[] {
  const out: { chapter: string; text: string }[] = [];
  for (const chapter of chapters(dir)) {
    for (const block of blocks(readFileSync(`${dir}${chapter}`, 'utf8'))) {
      if (block.trimStart().startsWith('|') || block.startsWith('#')) continue; // tables restate rules; headings
      if (MARKER.test(block)) {
        MARKER.lastIndex = 0;
        continue;
      }
      MARKER.lastIndex = 0;
      if (levelOf(block)) out.push({ chapter, text: block.slice(0, 120) });
    }
  }
  return out;
}
