// Op contracts of the `schemas` profile (see ./types.ts): spec/07-messages.md 7.10.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { anyValue, input, output } from './shapes.ts';

export const SCHEMAS_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'schema.validate', profile: 'schemas', chapter: 'spec/07-messages.md',
    summary: 'Judge a message against a wire definition; a rejection is the fault the walk of MSG-39 picks (MSG-41).',
    input: input({
      schema: Type.String({ description: '`urn:kibitz:kbz-v1:<bundle>#/$defs/<Name>` (or a short form, MSG-41); one that names no definition is input.invalid.' }),
      message: anyValue('Any JSON value, null included; the member must be present.'),
    }),
    output: output({ valid: Type.Literal(true) }),
    errors: ['msg.wrong-type', 'msg.missing-field', 'msg.unknown-type', 'msg.too-long', 'msg.bad-value', 'msg.unknown-field'],
  },
];
