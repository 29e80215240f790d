// Renders op contracts as the markdown op tables of the spec chapters. The chapters hold the
// rendering between markers; `npm run spec` rewrites it and the spec lint fails when a chapter's
// table differs from what its contracts render (tests/meta/spec.test.ts).
import type { OpSchema } from './types.ts';

type Json = { [k: string]: unknown };

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A compact, human signature of a schema: `{fpA, fpB, symbols?: number}`. Strings are the default. */
export function signature(schema: unknown): string {
  const s = JSON.parse(JSON.stringify(schema)) as Json;
  return render(s, true);
}

function nonNull(branches: Json[]): Json[] {
  return branches.filter((b) => b.type !== 'null');
}

function render(s: Json, top = false): string {
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as Json[];
    const rest = nonNull(branches);
    const parts = rest.map((b) => render(b));
    if (rest.length < branches.length) parts.push('null');
    return parts.join(' \\| ');
  }
  if (Array.isArray(s.enum)) {
    const values = s.enum as unknown[];
    // A long list reads better in the chapter's own prose than in a table cell.
    return values.length > 6 ? 'string' : values.map((v) => JSON.stringify(v)).join(' \\| ');
  }
  if ('const' in s) return JSON.stringify(s.const);
  switch (s.type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `[${render((s.items as Json) ?? {})}…]`;
    case 'object':
      return renderObject(s, top);
    default:
      return 'any';
  }
}

function renderObject(s: Json, top: boolean): string {
  const props = isObj(s.properties) ? s.properties : undefined;
  if (!props || Object.keys(props).length === 0) {
    if (isObj(s.patternProperties)) {
      const value = Object.values(s.patternProperties)[0] as Json;
      const v = render(value);
      return v === 'any' ? 'object' : `{key: ${v}}`;
    }
    return top ? '{}' : 'object';
  }
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const members = Object.entries(props).map(([name, sub]) => {
    const optional = !required.has(name);
    let schema = sub as Json;
    // An optional member that may also be null reads as optional: null means absent unless the op says otherwise.
    if (optional && Array.isArray(schema.anyOf)) {
      const rest = nonNull(schema.anyOf as Json[]);
      if (rest.length === 1) schema = rest[0]!;
    }
    const t = render(schema);
    return `${name}${optional ? '?' : ''}${t === 'string' ? '' : `: ${t}`}`;
  });
  return `{${members.join(', ')}}`;
}

const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;
const codeSig = (s: string) => `\`${s}\``;

/** The markdown table of some contracts, as it stands in `chapterFile` (e.g. `10-adapter-protocol.md`). */
export function renderOpTable(contracts: readonly OpSchema[], chapterFile: string): string {
  if (contracts.length === 0) return '*No ops yet.*';
  const home = (c: OpSchema) => c.chapter.replace(/^spec\//, '');
  const elsewhere = contracts.some((c) => home(c) !== chapterFile);
  const head = elsewhere ? ['op', 'chapter', 'what it does', 'input', 'output', 'errors, in step order'] : ['op', 'what it does', 'input', 'output', 'errors, in step order'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const c of contracts) {
    const comparison = c.comparison && c.comparison !== 'exact' ? ` Compared as ${c.comparison} (10.3).` : '';
    const errors = c.errors.length ? c.errors.map(code).join(', ') : '—';
    const cells = [code(c.op)];
    if (elsewhere) cells.push(home(c) === chapterFile ? '—' : `[${Number(home(c).slice(0, 2))}](${home(c)})`);
    cells.push(`${c.summary}${comparison}`, codeSig(signature(c.input)), codeSig(signature(c.output)), errors);
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
