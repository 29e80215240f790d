#!/usr/bin/env node
// Folds the change fragments in changes/ (one per piece of work, written while several people work
// at once) into CHANGELOG.md as one release section, then empties the folder (README.md stays).
//
//   node scripts/merge-changes.mjs 0.2.0 2026-11-27 [--dry-run]
//
// Keep a Changelog allows only its own headings under a release (Added, Changed, Deprecated, Removed,
// Fixed, Security), so each fragment's sections are filed under those, with the fragment's title as a
// sub-heading; a fragment section of any other name (notes, reference) is filed under Changed.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [version, date, flag] = process.argv.slice(2);
if (!version || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) {
  console.error('usage: node scripts/merge-changes.mjs <version> <YYYY-MM-DD> [--dry-run]');
  process.exit(2);
}
const KINDS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
const dir = 'changes';
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
if (!files.length) {
  console.error('changes/ holds no fragment: nothing to merge');
  process.exit(2);
}

/** kind -> [{title, body}] in file order. */
const filed = new Map(KINDS.map((k) => [k, []]));
for (const f of files) {
  const lines = readFileSync(join(dir, f), 'utf8').split('\n');
  const title = (lines[0].match(/^#\s+(.*)$/) ?? [])[1] ?? f.replace(/\.md$/, '');
  let kind = 'Changed';
  let body = [];
  const flush = () => {
    const text = body.join('\n').trim();
    const into = filed.get(kind);
    if (text && into.at(-1)?.title === title) into.at(-1).text += `\n\n${text}`;
    else if (text) into.push({ title, text });
    body = [];
  };
  for (const line of lines.slice(1)) {
    const h = line.match(/^#{2,3}\s+(.*)$/);
    const named = h && KINDS.find((k) => h[1].toLowerCase().startsWith(k.toLowerCase()));
    if (named) {
      flush();
      kind = named;
    } else if (h) {
      // A sub-heading inside a section (a chapter, "Notes"): kept as a bold line.
      body.push(`**${h[1].trim()}**`);
    } else if (/^#{4,}\s/.test(line)) {
      body.push(`**${line.replace(/^#+\s+/, '').trim()}**`);
    } else {
      body.push(line);
    }
  }
  flush();
}

let section = `## [${version}] - ${date}\n`;
for (const kind of KINDS) {
  const parts = filed.get(kind);
  if (!parts.length) continue;
  section += `\n### ${kind}\n`;
  for (const { title, text } of parts) section += `\n#### ${title}\n\n${text}\n`;
}

const log = readFileSync('CHANGELOG.md', 'utf8');
const marker = /## \[Unreleased\]\n+(?:Nothing yet\.\n+)?/;
if (!marker.test(log)) {
  console.error('CHANGELOG.md has no "## [Unreleased]" section');
  process.exit(1);
}
const next = log.replace(marker, `## [Unreleased]\n\nNothing yet.\n\n${section}\n`);
if (flag === '--dry-run') {
  process.stdout.write(section);
} else {
  writeFileSync('CHANGELOG.md', next);
  for (const f of files) rmSync(join(dir, f));
  console.log(`merged ${files.length} fragments into CHANGELOG.md as ${version}`);
}
