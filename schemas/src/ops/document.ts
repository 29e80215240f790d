// The op contracts as one exported JSON Schema document (schemas/json/ops.schema.json): for every
// op, `$defs/<op>.input` and `$defs/<op>.output`, resolvable as
// `urn:kibitz:kbz-v1:ops#/$defs/sas.code.input`. Other languages validate adapter traffic with it.
import type { TSchema } from 'typebox';
import type { SchemaDocument } from '../registry.ts';
import { OP_SCHEMAS } from './index.ts';

export function opDefs(): Record<string, TSchema> {
  const defs: Record<string, TSchema> = {};
  for (const s of OP_SCHEMAS) {
    defs[`${s.op}.input`] = s.input;
    defs[`${s.op}.output`] = s.output;
  }
  return defs;
}

export const OPS_DOCUMENT: SchemaDocument = {
  name: 'ops',
  title: 'Kibitz conformance adapter ops',
  description:
    'The input and output of every adapter op, by op name (spec/10-adapter-protocol.md 10.4 and the op tables of the chapters). ' +
    'Outputs hold exactly their members; an adapter may add members whose names start with x- (ADP-05), which a validator removes first.',
  get defs() {
    return opDefs();
  },
};
