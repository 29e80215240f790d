// Reads every requirement out of spec/*.md: its ID, level, chapter and text. The markdown is the
// single source of truth; spec/requirements.json is generated from this for other languages.
import { readdirSync, readFileSync } from 'node:fs';
import { fromRoot } from './lib/paths.ts';

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
  return `${fromRoot('spec')}/`;
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

/** One line of a requirement's text for reports: without the ID marker and markdown, cut at a sentence. */
export function oneLine(req: Requirement, max = 160): string {
  const plain = req.text
    .replace(/^[-*]\s+/, '')
    .replace(/<a id="[^"]*"><\/a>/g, '')
    .replace(MARKER, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*`]/g, '')
    .trim();
  MARKER.lastIndex = 0;
  const sentence = /^(.{40,}?\.)\s/.exec(plain)?.[1] ?? plain;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}

/** The anchor every requirement has in its chapter (`spec/06-safety-code.md#sas-05`). */
export const requirementLink = (req: Requirement): string => `${req.chapter}#${req.id.toLowerCase()}`;

/**
 * Error code -> the requirement IDs its chapter's Errors table names for it. A failure on an
 * invalid vector is charged to the requirement that assigns the expected code, when the vector
 * covers it: that is the rule the wrong code broke.
 */
export function errorCodeRequirements(dir = specDir()): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const chapter of chapters(dir)) {
    const errors = readFileSync(`${dir}${chapter}`, 'utf8').split(/^## Errors\s*$/m)[1]?.split(/^#{1,2} /m)[0] ?? '';
    for (const row of errors.split('\n')) {
      const cells = row.split('|').map((c) => c.trim());
      const code = /^`([a-z]+\.[a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
      if (!code) continue;
      const ids = [...(cells.at(-2) ?? '').matchAll(/\b([A-Z]+-\d{2,3})\b/g)].map((m) => m[1]!);
      out.set(code, [...new Set([...(out.get(code) ?? []), ...ids])]);
    }
  }
  return out;
}
