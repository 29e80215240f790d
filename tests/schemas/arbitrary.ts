// fast-check arbitraries derived from the exported plane bundles: valid messages for any
// definition, and single-fault mutations whose expected error code and JSON Pointer are known in
// advance (spec/07-messages.md, 7.9). Only the keywords the bundles use are handled; the export
// test fails when a bundle uses another one.
import * as fc from 'fast-check';
import type { Bundle } from './ajv.ts';

type Schema = Record<string, unknown>;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const EXTRA_KEYS = ['x-extra', 'future', 'zz', 'seq', '~note', 'a/b'];
const SHORT = 12;

const codePoints = (s: string) => [...s].length;
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export class SchemaArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<Json>>();
  constructor(private readonly bundle: Bundle) {}

  resolve(s: Schema): Schema {
    let cur = s;
    while (typeof cur.$ref === 'string') cur = this.bundle.$defs[cur.$ref.slice('#/$defs/'.length)]!;
    return cur;
  }

  /** Valid values of definition `name`. */
  valid(name: string): fc.Arbitrary<Json> {
    let a = this.cache.get(name);
    if (!a) {
      a = this.of(this.bundle.$defs[name]!, 0);
      this.cache.set(name, a);
    }
    return a;
  }

  private of(raw: Schema, depth: number): fc.Arbitrary<Json> {
    const s = this.resolve(raw);
    if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as Schema[]).map((b) => this.of(b, depth + 1)));
    if ('const' in s) return fc.constant(s.const as Json);
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as Json[]));
    switch (s.type) {
      case 'string': return this.string(s);
      case 'integer': return fc.integer({ min: typeof s.minimum === 'number' ? s.minimum : -(2 ** 40), max: 2 ** 40 });
      case 'number': return fc.double({ min: typeof s.minimum === 'number' ? s.minimum : -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
      case 'boolean': return fc.boolean();
      case 'null': return fc.constant(null);
      case 'array': {
        const max = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, 4);
        return fc.array(s.items ? this.of(s.items as Schema, depth + 1) : fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { minLength: (s.minItems as number) ?? 0, maxLength: max });
      }
      case 'object': return this.object(s, depth);
      case undefined: return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>; // {}: anything
      default: throw new Error(`no arbitrary for type ${String(s.type)}`);
    }
  }

  private string(s: Schema): fc.Arbitrary<Json> {
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    const fits = (x: string) => codePoints(x) >= min && codePoints(x) <= max;
    if (typeof s.pattern === 'string') {
      return fc.stringMatching(new RegExp(s.pattern, 'u')).filter(fits);
    }
    const short = fc.oneof(
      fc.string({ minLength: min, maxLength: Math.min(max, SHORT) }),
      fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, SHORT) }),
    );
    if (max === Infinity) return short;
    // Sometimes exactly at the limit, with an astral character to catch UTF-16 counting.
    return fc.oneof({ weight: 8, arbitrary: short }, { weight: 1, arbitrary: fc.constant('😀' + 'x'.repeat(max - 1)) }, { weight: 1, arbitrary: fc.constant('y'.repeat(max)) });
  }

  private object(s: Schema, depth: number): fc.Arbitrary<Json> {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = (s.required ?? []) as string[];
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const [k, ps] of Object.entries(props)) model[k] = this.of(ps, depth + 1);
    const base = fc.record(model, { requiredKeys: required });
    const extra = s.additionalProperties;
    if (extra === false) return base as fc.Arbitrary<Json>;
    const free = EXTRA_KEYS.filter((k) => !(k in props));
    const extraValue = extra && typeof extra === 'object' ? this.of(extra as Schema, depth + 1) : (fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>);
    const extras = extra && typeof extra === 'object'
      ? fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => !(k in props) && k !== '__proto__'), extraValue, { maxKeys: 3 })
      : fc.dictionary(fc.constantFrom(...free), extraValue, { maxKeys: depth > 2 ? 0 : 2 });
    return fc.tuple(base, extras).map(([b, e]) => ({ ...e, ...b }) as Json);
  }

  // ---- mutation -----------------------------------------------------------------------------

  /** Every place in `value` where one change makes it invalid with a known fault. */
  sites(name: string, value: Json): Site[] {
    const out: Site[] = [];
    this.walk(this.bundle.$defs[name]!, value, '', false, out, (v) => v);
    return out;
  }

  private walk(raw: Schema, v: Json, path: string, isTag: boolean, out: Site[], put: (nv: Json) => Json): void {
    const s = this.resolve(raw);
    if (Array.isArray(s.anyOf)) {
      const branches = (s.anyOf as Schema[]).map((b) => this.resolve(b));
      const tag = discriminator(branches);
      const allowed = new Set(branches.map((b) => b.type as string));
      out.push(typeSwap(path, allowed, put));
      if (tag !== null) {
        const t = (v as Record<string, Json>)[tag];
        const branch = branches.find((b) => tagsOf(b, tag).includes(t as string))!;
        this.walkBody(branch, v, path, tag, out, put);
      } else {
        const branch = branches.find((b) => matches(b.type, v));
        if (branch && branch.type !== 'null') this.walkBody(branch, v, path, null, out, put);
      }
      return;
    }
    if (s.type !== undefined) out.push(typeSwap(path, new Set([s.type as string]), put));
    this.walkBody(s, v, path, isTag ? '' : null, out, put);
  }

  /** Sites inside a value already known to be of the schema's type. */
  private walkBody(s: Schema, v: Json, path: string, tag: string | null, out: Site[], put: (nv: Json) => Json): void {
    if (typeof v === 'string') {
      const isDisc = tag === '';
      if ('const' in s || Array.isArray(s.enum)) out.push({ kind: 'garble', path, codes: [isDisc ? 'msg.unknown-type' : 'msg.bad-value'], apply: () => put(`${v}#`) });
      if (typeof s.maxLength === 'number') out.push({ kind: 'oversize', path, codes: ['msg.too-long'], apply: () => put('z'.repeat(s.maxLength as number + 1)) });
      if (s.minLength === 1) out.push({ kind: 'garble', path, codes: ['msg.bad-value'], apply: () => put('') });
      if (typeof s.pattern === 'string') {
        const re = new RegExp(s.pattern as string, 'u');
        const bad = `${v}\u0000!`;
        if (!re.test(bad)) {
          const tooLong = typeof s.maxLength === 'number' && codePoints(bad) > s.maxLength;
          out.push({ kind: 'garble', path, codes: [tooLong ? 'msg.too-long' : 'msg.bad-value'], apply: () => put(bad) });
        }
      }
      return;
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number') out.push({ kind: 'garble', path, codes: ['msg.bad-value'], apply: () => put((s.minimum as number) - 1) });
      if ('const' in s) out.push({ kind: 'garble', path, codes: ['msg.bad-value'], apply: () => put((s.const as number) + 1) });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (s.items) this.walk(s.items as Schema, item, `${path}/${i}`, false, out, (nv) => put(v.map((x, j) => (j === i ? nv : x))));
      });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [k, ps] of Object.entries(props)) {
      const child = `${path}/${escape(k)}`;
      if (!(k in v) || v[k] === undefined) continue;
      if (required.has(k)) {
        out.push({ kind: 'drop', path: child, codes: ['msg.missing-field'], apply: () => { const { [k]: _gone, ...rest } = v; return put(rest); } });
      }
      this.walk(ps, v[k]!, child, tag === k, out, (nv) => put({ ...v, [k]: nv }));
    }
    const extra = s.additionalProperties;
    if (extra === false) {
      const key = EXTRA_KEYS.find((k) => !(k in props))!;
      out.push({ kind: 'unknown-member', path: `${path}/${escape(key)}`, codes: ['msg.unknown-field'], apply: () => put({ ...v, [key]: 1 }) });
    } else if (extra && typeof extra === 'object') {
      for (const k of Object.keys(v).filter((x) => !(x in props))) {
        this.walk(extra as Schema, v[k]!, `${path}/${escape(k)}`, false, out, (nv) => put({ ...v, [k]: nv }));
      }
    }
  }
}

export interface Site {
  kind: 'drop' | 'type-swap' | 'garble' | 'oversize' | 'unknown-member';
  path: string;
  codes: string[];
  apply: () => Json;
}

const SWAPS: [string, Json][] = [['string', 'swapped'], ['number', 0.5], ['boolean', true], ['null', null], ['array', []], ['object', {}]];

function typeSwap(path: string, allowed: Set<string>, put: (nv: Json) => Json): Site {
  // 0.5 is not an integer either, so it is a wrong type for integer-only members too.
  const [, value] = SWAPS.find(([t]) => !allowed.has(t))!;
  return { kind: 'type-swap', path, codes: ['msg.wrong-type'], apply: () => put(value) };
}

function matches(type: unknown, v: Json): boolean {
  if (type === 'null') return v === null;
  if (type === 'array') return Array.isArray(v);
  if (type === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  if (type === 'integer') return typeof v === 'number' && Number.isInteger(v);
  return typeof v === type;
}

function tagsOf(b: Schema, k: string): string[] {
  const p = ((b.properties ?? {}) as Record<string, Schema>)[k];
  if (!p) return [];
  if (typeof p.const === 'string') return [p.const];
  if (Array.isArray(p.enum)) return p.enum as string[];
  return [];
}

function discriminator(branches: Schema[]): string | null {
  const first = branches[0];
  if (!first || first.type !== 'object') return null;
  for (const k of (first.required ?? []) as string[]) {
    if (branches.every((b) => b.type === 'object' && ((b.required ?? []) as string[]).includes(k) && tagsOf(b, k).length > 0)) return k;
  }
  return null;
}
