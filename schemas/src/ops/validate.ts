// Pure shape checks of op inputs and outputs against their contracts. Used by the reference adapter
// (input shapes, ADP-08) and by the harness (output shapes, ADP-05); nothing here may import an
// implementation.
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import type { OpSchema } from './types.ts';

export type ShapeVerdict = { ok: true } | { ok: false; errors: string[] };

type Checker = { Check(v: unknown): boolean; Errors(v: unknown): { instancePath: string; message: string }[] };
const compiled = new WeakMap<TSchema, Checker>();
function checker(schema: TSchema): Checker {
  let c = compiled.get(schema);
  if (!c) {
    c = Compile(schema) as unknown as Checker;
    compiled.set(schema, c);
  }
  return c;
}

function judge(schema: TSchema, value: unknown): ShapeVerdict {
  const c = checker(schema);
  if (c.Check(value)) return { ok: true };
  const errors = c.Errors(value).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  return { ok: false, errors: [...new Set(errors)] };
}

/** The output without its top-level `x-` members, which ADP-05 lets an adapter add. */
export function withoutExtensionMembers(output: unknown): unknown {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return output;
  return Object.fromEntries(Object.entries(output).filter(([k]) => !k.startsWith('x-')));
}

export function validateInputWith(contract: OpSchema, input: unknown): ShapeVerdict {
  return judge(contract.input, input);
}

export function validateOutputWith(contract: OpSchema, output: unknown): ShapeVerdict {
  return judge(contract.output, withoutExtensionMembers(output));
}
