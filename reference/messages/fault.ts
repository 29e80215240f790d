// Finds the one fault spec/07-messages.md (7.9, [MSG-39]) says a rejected message reports. It walks
// the exported JSON Schema, not TypeBox internals, so any language can reproduce it from the same
// files. It only runs after the compiled validator has said no, so it favours clarity over speed.
// Supported keywords are exactly the ones the plane bundles use (tests/schemas checks that).
import type { MsgErrorCode } from './codes.ts';

export type JsonSchema = { [keyword: string]: unknown };
export interface Bundle {
  $defs: Record<string, JsonSchema>;
}
export interface Fault {
  code: MsgErrorCode;
  path: string;
  detail: string;
}

/** Keywords the walker understands; anything else in a bundle is a spec bug. */
export const SUPPORTED_KEYWORDS = new Set([
  '$ref', 'anyOf', 'type', 'const', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum',
  'minItems', 'maxItems', 'items', 'properties', 'required', 'additionalProperties',
  'description', 'title',
]);

const pointerToken = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
export const childPath = (path: string, name: string | number) => `${path}/${pointerToken(String(name))}`;

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'not-json';

function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return Number.isFinite(v) ? 'number' : 'not-json';
    case 'string': return 'string';
    case 'object': return 'object';
    default: return 'not-json';
  }
}

function typeMatches(type: unknown, v: unknown): boolean {
  const t = jsonTypeOf(v);
  if (type === 'integer') return t === 'number' && Number.isInteger(v);
  return type === t;
}

/** A member counts as present when it is an own member whose value is not `undefined`. */
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k) && (o as Record<string, unknown>)[k] !== undefined;
const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : jsonTypeOf(v));

export class FaultFinder {
  private readonly regexes = new Map<string, RegExp>();
  private readonly discriminators = new WeakMap<object, string | null>();

  constructor(private readonly bundle: Bundle) {}

  /** The first fault of `value` against the definition `name`, or undefined when it conforms. */
  find(name: string, value: unknown): Fault | undefined {
    return this.check(this.def(name), value, '');
  }

  private def(name: string): JsonSchema {
    const s = this.bundle.$defs[name];
    if (!s) throw new Error(`no definition ${name}`);
    return s;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let hops = 0; typeof s.$ref === 'string'; hops++) {
      if (hops > 32 || !s.$ref.startsWith('#/$defs/')) throw new Error(`unsupported $ref ${String(s.$ref)}`);
      s = this.def(s.$ref.slice('#/$defs/'.length));
    }
    return s;
  }

  private check(raw: JsonSchema, v: unknown, path: string): Fault | undefined {
    const s = this.resolve(raw);
    if (Array.isArray(s.anyOf)) return this.checkUnion(s.anyOf as JsonSchema[], v, path);
    if (s.type !== undefined && !typeMatches(s.type, v)) {
      return { code: 'msg.wrong-type', path, detail: `expected ${String(s.type)}, got ${describe(v)}` };
    }
    const t = jsonTypeOf(v);
    if (t === 'string') {
      const f = this.checkString(s, v as string, path);
      if (f) return f;
    } else if (t === 'number') {
      if (typeof s.minimum === 'number' && (v as number) < s.minimum) return { code: 'msg.bad-value', path, detail: `below the minimum ${s.minimum}` };
    } else if (t === 'array') {
      const f = this.checkArray(s, v as unknown[], path);
      if (f) return f;
    } else if (t === 'object') {
      const f = this.checkObject(s, v as Record<string, unknown>, path);
      if (f) return f;
    }
    if ('const' in s && s.const !== v) return { code: 'msg.bad-value', path, detail: `must be ${JSON.stringify(s.const)}` };
    if (Array.isArray(s.enum) && !s.enum.includes(v)) return { code: 'msg.bad-value', path, detail: `${describe(v)} is not one of the allowed values` };
    return undefined;
  }

  private checkString(s: JsonSchema, v: string, path: string): Fault | undefined {
    if (typeof s.maxLength === 'number' && codePoints(v) > s.maxLength) {
      return { code: 'msg.too-long', path, detail: `longer than ${s.maxLength} characters` };
    }
    if (typeof s.minLength === 'number' && codePoints(v) < s.minLength) {
      return { code: 'msg.bad-value', path, detail: s.minLength === 1 ? 'must not be empty' : `shorter than ${s.minLength} characters` };
    }
    if (typeof s.pattern === 'string' && !this.regex(s.pattern).test(v)) {
      return { code: 'msg.bad-value', path, detail: `${describe(v)} does not match ${s.pattern}` };
    }
    return undefined;
  }

  private checkArray(s: JsonSchema, v: unknown[], path: string): Fault | undefined {
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) return { code: 'msg.too-long', path, detail: `more than ${s.maxItems} items` };
    if (typeof s.minItems === 'number' && v.length < s.minItems) return { code: 'msg.bad-value', path, detail: `fewer than ${s.minItems} items` };
    if (s.items && typeof s.items === 'object') {
      for (let i = 0; i < v.length; i++) {
        const f = this.check(s.items as JsonSchema, v[i], childPath(path, i));
        if (f) return f;
      }
    }
    return undefined;
  }

  private checkObject(s: JsonSchema, v: Record<string, unknown>, path: string): Fault | undefined {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = (s.required ?? []) as string[];
    const missing = (k: string): Fault => ({ code: 'msg.missing-field', path: childPath(path, k), detail: 'required member is missing' });
    for (const [k, ps] of Object.entries(props)) {
      if (!has(v, k)) {
        if (required.includes(k)) return missing(k);
        continue;
      }
      const f = this.check(ps, v[k], childPath(path, k));
      if (f) return f;
    }
    for (const k of required) if (!has(props, k) && !has(v, k)) return missing(k);
    const extra = s.additionalProperties;
    if (extra === undefined || extra === true) return undefined;
    const unknown = Object.keys(v).filter((k) => !Object.prototype.hasOwnProperty.call(props, k) && v[k] !== undefined).sort();
    for (const k of unknown) {
      if (extra === false) return { code: 'msg.unknown-field', path: childPath(path, k), detail: 'member not allowed in this strict object' };
      const f = this.check(extra as JsonSchema, v[k], childPath(path, k));
      if (f) return f;
    }
    return undefined;
  }

  private checkUnion(branches: JsonSchema[], v: unknown, path: string): Fault | undefined {
    const resolved = branches.map((b) => this.resolve(b));
    const disc = this.discriminator(branches, resolved);
    if (disc !== null) {
      if (jsonTypeOf(v) !== 'object') return { code: 'msg.wrong-type', path, detail: `expected object, got ${describe(v)}` };
      const o = v as Record<string, unknown>;
      const at = childPath(path, disc);
      if (!has(o, disc)) return { code: 'msg.missing-field', path: at, detail: 'discriminator is missing' };
      const tag = o[disc];
      if (typeof tag !== 'string') return { code: 'msg.wrong-type', path: at, detail: `expected string, got ${describe(tag)}` };
      const branch = resolved.find((b) => tagsOf(b, disc).includes(tag));
      if (!branch) return { code: 'msg.unknown-type', path: at, detail: `${describe(tag)} is not a known kind` };
      return this.check(branch, v, path);
    }
    const faults = resolved.map((b) => this.check(b, v, path));
    if (faults.some((f) => f === undefined)) return undefined;
    const i = resolved.findIndex((b) => b.type !== undefined && typeMatches(b.type, v));
    if (i < 0) {
      const types = resolved.map((b) => String(b.type)).join(' or ');
      return { code: 'msg.wrong-type', path, detail: `expected ${types}, got ${describe(v)}` };
    }
    return faults[i];
  }

  /** The member a union of objects is keyed by: required and string-const/enum in every branch. */
  private discriminator(union: JsonSchema[], branches: JsonSchema[]): string | null {
    const cached = this.discriminators.get(union);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    const first = branches[0];
    if (first && first.type === 'object') {
      for (const k of (first.required ?? []) as string[]) {
        if (branches.every((b) => b.type === 'object' && ((b.required ?? []) as string[]).includes(k) && tagsOf(b, k).length > 0)) {
          found = k;
          break;
        }
      }
    }
    this.discriminators.set(union, found);
    return found;
  }

  private regex(pattern: string): RegExp {
    let re = this.regexes.get(pattern);
    if (!re) {
      re = new RegExp(pattern, 'u');
      this.regexes.set(pattern, re);
    }
    return re;
  }
}

function tagsOf(branch: JsonSchema, k: string): string[] {
  const p = ((branch.properties ?? {}) as Record<string, JsonSchema>)[k];
  if (!p) return [];
  if (typeof p.const === 'string') return [p.const];
  if (Array.isArray(p.enum) && p.enum.every((x) => typeof x === 'string')) return p.enum as string[];
  return [];
}
