// Builds a mutant implementation: the reference with one op replaced by a buggy version. Each
// mutant module is usable as `--impl module:tests/mutants/crypto/<name>.ts` and declares the
// checks that must catch it.
import { runOp } from '../../reference/adapter/ops.ts';
import type { OpHandler } from '../../reference/adapter/outcome.ts';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { referenceInfo } from '../../reference/adapter/info.ts';
import type { ImplementationInfo, Response } from '../../conformance/impl/types.ts';

export interface Mutant {
  info: ImplementationInfo;
  run: (op: string, input: JsonValue) => Promise<Response>;
  /** The protocol bug, in words. */
  bug: string;
  /** Requirement the bug breaks. */
  breaks: string;
  /** Check ids (exact) that must fail against this mutant. */
  mustFail: string[];
}

export function mutant(name: string, spec: { bug: string; breaks: string; mustFail: string[]; ops: Record<string, OpHandler> }): Mutant {
  return {
    info: { ...referenceInfo(), name: `mutant:${name}` },
    bug: spec.bug,
    breaks: spec.breaks,
    mustFail: spec.mustFail,
    async run(op, input) {
      const override = spec.ops[op];
      if (override) return (await override((input ?? {}) as JsonObject)) as Response;
      return runOp(op, input);
    },
  };
}
