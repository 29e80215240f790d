// The mechanical layer of the spec's markdown, kept by a program so that no one maintains it by
// hand: an HTML anchor before every requirement marker (`<a id="sas-05"></a>**[SAS-05]**`), a link
// on every requirement reference (`[SAS-05](06-safety-code.md#sas-05)`), on every "chapter N" and
// "section N.M" reference and every "(N.M)" that names a heading, and the op tables generated from
// schemas/src/ops/. `formatDocument` is idempotent; the spec lint (tests/meta/spec.test.ts) fails
// whenever a document differs from its formatted form, and `npm run spec` writes the formatted form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OP_SCHEMAS } from '../../schemas/src/ops/index.ts';
import { renderOpTable } from '../../schemas/src/ops/render.ts';

export const SPEC_DIR = new URL('../../spec/', import.meta.url).pathname;

/** Spec documents the formatter keeps: the chapters, and the auditor documents that cite requirements. */
export function specDocuments(dir = SPEC_DIR): string[] {
  const all = readdirSync(dir).filter((f) => f.endsWith('.md'));
  const chapters = all.filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
  const extra = ['security-argument.md', 'trophies.md', 'references.md'].filter((f) => all.includes(f));
  return [...chapters, ...extra];
}

const MARKER = /\*\*\[([A-Z]{2,5}-\d{2,3})\]\*\*/g;
const ANCHORED = /<a id="([a-z]{2,5}-\d{2,3})"><\/a>\*\*\[([A-Z]{2,5}-\d{2,3})\]\*\*/g;

export interface SpecIndex {
  /** requirement ID -> file that defines it */
  reqs: Map<string, string>;
  prefixes: Set<string>;
  /** chapter number -> file */
  chapters: Map<number, string>;
  /** file -> section number ("6.6") -> heading slug */
  sections: Map<string, Map<string, string>>;
  /** file -> every anchor a link may target (requirement anchors and heading slugs) */
  anchors: Map<string, Set<string>>;
}

/** GitHub's heading slug: lower-case, punctuation other than "-" and "_" dropped, spaces to "-". */
export function headingSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function fencedSplit(text: string): { fenced: boolean; text: string }[] {
  const parts: { fenced: boolean; text: string }[] = [];
  let cur: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (!fenced) {
        if (cur.length) parts.push({ fenced: false, text: cur.join('\n') });
        cur = [line];
        fenced = true;
      } else {
        cur.push(line);
        parts.push({ fenced: true, text: cur.join('\n') });
        cur = [];
        fenced = false;
      }
      continue;
    }
    cur.push(line);
  }
  if (cur.length || parts.length === 0) parts.push({ fenced, text: cur.join('\n') });
  return parts;
}

export function buildIndex(dir = SPEC_DIR): SpecIndex {
  const index: SpecIndex = { reqs: new Map(), prefixes: new Set(), chapters: new Map(), sections: new Map(), anchors: new Map() };
  for (const file of specDocuments(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const m = /^(\d\d)-/.exec(file);
    if (m) index.chapters.set(Number(m[1]), file);
    const sections = new Map<string, string>();
    const anchors = new Set<string>();
    for (const part of fencedSplit(text)) {
      if (part.fenced) continue;
      for (const line of part.text.split('\n')) {
        const h = /^#{1,6} (.*)$/.exec(line);
        if (h) {
          const slug = headingSlug(h[1]!);
          anchors.add(slug);
          const num = /^(\d{1,2}(?:\.\d{1,2}){1,2}) /.exec(h[1]!);
          if (num && !sections.has(num[1]!)) sections.set(num[1]!, slug);
          continue;
        }
        for (const a of line.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(a[1]!);
        for (const r of line.matchAll(MARKER)) {
          const id = r[1]!;
          if (m) index.reqs.set(id, file); // only chapters define requirements
          index.prefixes.add(id.split('-')[0]!);
          anchors.add(id.toLowerCase());
        }
      }
    }
    index.sections.set(file, sections);
    index.anchors.set(file, anchors);
  }
  return index;
}

/** The rendered op table of each profile, as it stands in `file`. */
export function opTable(profile: string, file: string): string {
  return renderOpTable(OP_SCHEMAS.filter((s) => s.profile === profile), file);
}

const REGION = /(<!-- op-table: ([a-z]+)[^>]*-->)\n((?:(?!<!-- \/op-table -->)[\s\S])*?)\n?(<!-- \/op-table -->)/g;

/** Rewrites every op-table region with its generated table. */
export function fillOpTables(file: string, text: string): string {
  return text.replace(REGION, (_all, open: string, profile: string, _body: string, close: string) => {
    const table = opTable(profile, file);
    return `${open}\n${table}\n${close}`;
  });
}

/** Every op-table region of a text, by profile. */
export function opTableRegions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(REGION)) out.set(m[2]!, m[3]!);
  return out;
}

function addAnchors(line: string): string {
  return line.replace(/(<a id="[^"]*"><\/a>)?\*\*\[([A-Z]{2,5}-\d{2,3})\]\*\*/g, (_all, _old: string | undefined, id: string) => `<a id="${id.toLowerCase()}"></a>**[${id}]**`);
}

/** Segments of one line that must not be touched: code spans, HTML, links, requirement markers. */
const ATOMIC = /(`+)[^`]*?\1|<!--.*?-->|<[^>\s][^>]*>|\[[^\]]*\]\([^)]*\)|\*\*\[[A-Z]{2,5}-\d{2,3}\]\*\*/g;

function linkPlain(text: string, file: string, index: SpecIndex, problems: string[]): string {
  const target = (f: string, anchor?: string) => (f === file ? `#${anchor ?? ''}` : `${f}${anchor ? `#${anchor}` : ''}`);
  // Requirement IDs.
  let out = text.replace(/\b([A-Z]{2,5})-(\d{2,3})\b/g, (all, prefix: string) => {
    if (!index.prefixes.has(prefix)) return all; // SHA-256, UTF-16 ...
    const f = index.reqs.get(all);
    if (!f) {
      problems.push(`${file}: reference to unknown requirement ${all}`);
      return all;
    }
    return `[${all}](${target(f, all.toLowerCase())})`;
  });
  // "chapter 4", "chapters 4 and 5".
  out = out.replace(/\b([Cc]hapters?) (\d{1,2}(?:(?:, | and | or | to )\d{1,2})*)\b(?!\.\d)/g, (all, word: string, nums: string) => {
    const link = (n: string): string | null => {
      const f = index.chapters.get(Number(n));
      return f && f !== file ? f : null;
    };
    if (/^\d{1,2}$/.test(nums)) {
      const f = link(nums);
      return f ? `[${all}](${f})` : all;
    }
    return `${word} ${nums.replace(/\d{1,2}/g, (n) => (link(n) ? `[${n}](${link(n)})` : n))}`;
  });
  // "section 4.4", "sections 4.3 and 4.4", and "(8.6)".
  const section = (num: string): string => {
    const chapter = index.chapters.get(Number(num.split('.')[0]));
    const slug = chapter ? index.sections.get(chapter)?.get(num) : undefined;
    return chapter && slug ? `[${num}](${target(chapter, slug)})` : num;
  };
  out = out.replace(/(?<!(?:RFC \d{4}|FIPS 18\d-\d|7515|Core),? )\b([Ss]ections?) (\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?:(?:, | and | or | to )\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)*)\b(?!\.\d)/g, (all, word: string, nums: string) => {
    if (/^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?$/.test(nums)) {
      const linked = section(nums);
      return linked === nums ? all : linked.replace(`[${nums}]`, `[${all}]`);
    }
    return `${word} ${nums.replace(/\d{1,2}\.\d{1,2}(?:\.\d{1,2})?/g, section)}`;
  });
  out = out.replace(/\((\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)([),;])/g, (_all, num: string, after: string) => `(${section(num)}${after}`);
  // Cited documents: "RFC 4648", "FIPS 180-4", "SP 800-132", "OpenID Connect Core" -> references.md.
  if (file !== 'references.md') {
    const refs = index.anchors.get('references.md');
    out = out.replace(/\b(RFC \d{4}|FIPS 18\d-\d|SP 800-\d{2,3}|IEEE 1363|OpenID Connect Core)\b/g, (all) => {
      const anchor = all === 'OpenID Connect Core' ? 'oidc-core' : all.toLowerCase().replace(/ /g, '-');
      return refs?.has(anchor) ? `[${all}](references.md#${anchor})` : all;
    });
  }
  return out;
}

function linkLine(line: string, file: string, index: SpecIndex, problems: string[]): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(ATOMIC)) {
    out += linkPlain(line.slice(last, m.index), file, index, problems) + m[0];
    last = m.index! + m[0].length;
  }
  return out + linkPlain(line.slice(last), file, index, problems);
}

/** The formatted form of a spec document; `problems` collects what formatting cannot fix. */
export function formatDocument(file: string, text: string, index: SpecIndex, problems: string[] = []): string {
  const withTables = fillOpTables(file, text);
  return fencedSplit(withTables)
    .map((part) =>
      part.fenced
        ? part.text
        : part.text
            .split('\n')
            .map((line) => (/^#{1,6} /.test(line) ? line : linkLine(addAnchors(line), file, index, problems)))
            .join('\n'),
    )
    .join('\n');
}

const UPSTREAM_PIN = /^Upstream: (?:.*\b[0-9a-f]{40}\b.*|none\b.*)$/m;
const STATUS = /^Status: (draft|candidate|stable)\b/m;

/** Everything the lint checks in one document; an empty list means it passes. */
export function lintDocument(file: string, text: string, index: SpecIndex): string[] {
  const problems: string[] = [];
  const formatted = formatDocument(file, text, index, problems);
  if (formatted !== text) {
    const a = text.split('\n');
    const b = formatted.split('\n');
    const i = a.findIndex((l, n) => l !== b[n]);
    problems.push(`${file}:${i + 1}: not in formatted form (run npm run spec): a missing anchor, an unlinked reference or a stale op table\n  is:        ${a[i]}\n  should be: ${b[i]}`);
  }
  for (const m of text.matchAll(ANCHORED)) {
    if (m[1] !== m[2]!.toLowerCase()) problems.push(`${file}: anchor ${m[1]} does not name ${m[2]}`);
  }
  for (const m of text.matchAll(/\]\((?:(\d\d-[a-z0-9-]+\.md|[a-z-]+\.md))?#([^)\s]+)\)/g)) {
    const target = m[1] ?? file;
    const anchors = index.anchors.get(target);
    if (anchors && !anchors.has(m[2]!)) problems.push(`${file}: link to ${target}#${m[2]} names no anchor there`);
  }
  if (/^\d\d-/.test(file)) {
    if (!UPSTREAM_PIN.test(text)) problems.push(`${file}: no "Upstream:" line pinning the upstream commit(s) it describes (40 hex digits), or "Upstream: none"`);
    if (!STATUS.test(text)) problems.push(`${file}: no "Status: draft|candidate|stable" maturity marker`);
  }
  return problems;
}
