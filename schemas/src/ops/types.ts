// The shape of one adapter op's contract: its input and output schemas, the error codes it may
// answer, and how the harness compares its output (spec/10-adapter-protocol.md 10.3, 10.4).
// One file per profile (schemas/src/ops/<profile>.ts) exports a list of these; the op tables in
// the spec chapters are generated from them, and both the reference adapter and the harness check
// shapes against them.
import type { TSchema } from 'typebox';

export interface OpSchema {
  /** The op name, e.g. `wire.encode`. */
  op: string;
  /** The profile the op belongs to. */
  profile: string;
  /** The spec chapter file that defines the op's semantics, e.g. `spec/11-wire-encoding.md`. */
  chapter: string;
  /** One line for the generated op table. */
  summary: string;
  input: TSchema;
  output: TSchema;
  /** Every error code the op may answer besides `input.invalid`, in step order where it has one. */
  errors: readonly string[];
  /** How the harness compares outputs (10.3); `exact` unless stated. */
  comparison?: 'exact' | 'signed-token';
}
