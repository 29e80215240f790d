// Input shapes of every op, from its published contract (spec/10-adapter-protocol.md 10.4: "input
// that does not match its contract is input.invalid (ADP-08), checked before any protocol step").
// One check per op that has vectors: each vector input of the op that is not itself input.invalid
// is bent one member at a time (the member left out, or replaced by a value of another JSON type or
// outside its range), and every bent input that its contract refuses must be answered
// `input.invalid`. The contract is the oracle; bent inputs that the contract still accepts (a
// credential or key of any JSON type, ADP-08) are not sent. Found missing by the mutation run of
// kibitz-py (scripts/mutate-python.ts): without it, an adapter could drop any shape check that no
// hand-written input.invalid vector happens to reach.
import type { JsonObject, JsonValue } from '../lib/json.ts';
import { isErrored, isUnsupported } from '../impl/types.ts';
import type { VectorFile } from '../../schemas/src/vector-file.ts';
import type { Check, RawResult } from './types.ts';

/** Replacement values: one of each JSON type, and the edges of numbers and strings. */
const PALETTE: JsonValue[] = [null, true, 0, -1, 1.5, 2 ** 53, '', 'x', [], ['x'], [5], {}, { x: 1 }];
/** At most this many bent inputs per op (the most telling first: left-out members, then types). */
const MAX_PER_OP = 120;
/** Bases per op: the first vector inputs of the op, in file order. */
const MAX_BASES = 3;
const MAX_DEPTH = 4;

type Path = (string | number)[];

function getAt(v: JsonValue, path: Path): JsonValue | undefined {
  let cur: JsonValue | undefined = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, JsonValue>)[k as string];
  }
  return cur;
}

function withAt(v: JsonValue, path: Path, value: JsonValue | undefined): JsonValue {
  if (path.length === 0) return value as JsonValue;
  const [k, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    copy[k as number] = withAt(copy[k as number]!, rest, value);
    return copy;
  }
  const obj = { ...(v as JsonObject) };
  if (rest.length === 0 && value === undefined) delete obj[k as string];
  else obj[k as string] = withAt(obj[k as string]!, rest, value);
  return obj;
}

/** Member paths of an input: object members at any depth, and the first element of each array. */
function paths(v: JsonValue, prefix: Path = [], depth = 0): Path[] {
  if (depth >= MAX_DEPTH || v === null || typeof v !== 'object') return [];
  const out: Path[] = [];
  if (Array.isArray(v)) {
    if (v.length) out.push([...prefix, 0], ...paths(v[0]!, [...prefix, 0], depth + 1));
    return out;
  }
  for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k], depth + 1));
  return out;
}

const pattern = (p: Path): string => p.map((k) => (typeof k === 'number' ? '[]' : k)).join('.');

export interface Bent {
  input: JsonObject;
  what: string;
}

/** The bent inputs of one base that `refused` (the contract) refuses, most telling first. */
export function bentInputs(bases: readonly JsonObject[], refused: (v: unknown) => boolean): Bent[] {
  const seen = new Set<string>();
  const removals: Bent[] = [];
  const types: Bent[] = [];
  for (const base of bases) {
    for (const p of paths(base)) {
      const key = pattern(p);
      if (typeof p.at(-1) === 'string' && !seen.has(`-${key}`)) {
        const input = withAt(base, p, undefined) as JsonObject;
        if (refused(input)) {
          seen.add(`-${key}`);
          removals.push({ input, what: `without ${key}` });
        }
      }
      const here = getAt(base, p);
      PALETTE.forEach((value, i) => {
        if (seen.has(`${i}${key}`) || JSON.stringify(value) === JSON.stringify(here)) return;
        const input = withAt(base, p, value) as JsonObject;
        if (refused(input)) {
          seen.add(`${i}${key}`);
          types.push({ input, what: `${key} = ${JSON.stringify(value)}` });
        }
      });
    }
  }
  return [...removals, ...types].slice(0, MAX_PER_OP);
}

let contractsOf: Promise<(op: string) => ((v: unknown) => boolean) | null> | null = null;
function contracts(): Promise<(op: string) => ((v: unknown) => boolean) | null> {
  contractsOf ??= Promise.all([import('../../schemas/src/ops/index.ts'), import('../../schemas/src/ops/validate.ts')]).then(([{ OP_SCHEMAS }, { validateInputWith }]) => {
    const by = new Map(OP_SCHEMAS.map((s) => [s.op, s]));
    return (op: string) => {
      const c = by.get(op);
      return c ? (v: unknown) => !validateInputWith(c, v).ok : null;
    };
  });
  return contractsOf;
}

/** One check per op of each vector file's profile, from the bundled (or --vectors) files. */
export function inputShapeChecks(files: readonly VectorFile[]): Check[] {
  // An op's check belongs to the profile whose files use it most (presence.scenario also runs in
  // the agents files); its bases are the op's first vector inputs there.
  const byOp = new Map<string, Map<string, JsonObject[]>>();
  for (const f of files) {
    for (const g of f.groups) {
      for (const t of g.tests) {
        if (t.result === 'invalid' && t.error === 'input.invalid') continue;
        const perProfile = byOp.get(t.op) ?? new Map<string, JsonObject[]>();
        byOp.set(t.op, perProfile);
        const list = perProfile.get(f.profile) ?? [];
        perProfile.set(f.profile, list);
        list.push(t.input as JsonObject);
      }
    }
  }
  const chosen = [...byOp.entries()].map(([op, perProfile]) => {
    const [profile, inputs] = [...perProfile.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    const bases: JsonObject[] = [];
    for (const input of inputs) if (bases.length < MAX_BASES && !bases.some((b) => JSON.stringify(b) === JSON.stringify(input))) bases.push(input);
    return { op, profile, bases };
  });
  return chosen.map(({ op, profile, bases }) => ({
    id: `shape.${profile}.${op}`,
    profile,
    kind: 'property' as const,
    covers: ['ADP-08'],
    description: `${op} answers input.invalid for every input its contract refuses (each member left out or of another type, one at a time)`,
    async run(impl): Promise<RawResult> {
      const refused = (await contracts())(op);
      if (!refused) return { status: 'errored', message: `no published contract for ${op}` };
      const bent = bentInputs(bases, refused);
      for (const b of bent) {
        const r = await impl.run(op, b.input);
        if (isErrored(r)) return { status: 'errored', message: r.message };
        if (isUnsupported(r)) return { status: 'unsupported', message: `op ${op} is unsupported` };
        if (r.ok || r.error.code !== 'input.invalid') {
          return {
            status: 'fail',
            requirement: 'ADP-08',
            message: `${op} ${b.what}: the contract refuses this input, so it is input.invalid before any protocol step; the adapter answered ${r.ok ? 'ok' : r.error.code}`,
            input: b.input,
            expected: { error: 'input.invalid' },
            actual: r.ok ? r.output : r.error,
          };
        }
      }
      return { status: 'pass', message: `${bent.length} bent inputs refused` };
    },
  }));
}
