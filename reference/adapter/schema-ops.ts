// Adapter ops of the schemas profile (spec/07-messages.md, 7.10): one op, schema.validate.
import { resolveSchemaName } from '../messages/catalog.ts';
import { decodeWith } from '../messages/decode.ts';
import { InputError, str } from './input.ts';
import type { OpHandler } from './outcome.ts';

export const SCHEMA_OPS: Record<string, OpHandler> = {
  'schema.validate': (i) => {
    const entry = resolveSchemaName(str(i, 'schema'));
    if (!entry) throw new InputError(`schema names no definition: ${JSON.stringify(i.schema)}`);
    if (!Object.prototype.hasOwnProperty.call(i, 'message')) throw new InputError('message is missing');
    const r = decodeWith(entry, i.message);
    return r.ok ? { ok: true, output: { valid: true } } : { ok: false, error: { code: r.error.code, message: r.error.message } };
  },
};
