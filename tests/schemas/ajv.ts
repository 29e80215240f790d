// An independent validator for the cross-checks: Ajv 2020 in strict mode over the exported files
// in schemas/json (what other languages consume), not over the TypeBox objects.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { PLANE_DOCUMENTS } from '../../schemas/src/planes.ts';
import { schemaId } from '../../schemas/src/ids.ts';

export type Bundle = { $id: string; $schema: string; title: string; description: string; $defs: Record<string, Record<string, unknown>> };

export const PLANES = PLANE_DOCUMENTS.map((d) => d.name);

export function readBundle(plane: string): Bundle {
  return JSON.parse(readFileSync(new URL(`../../schemas/json/${plane}.schema.json`, import.meta.url), 'utf8')) as Bundle;
}

export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  for (const plane of PLANES) ajv.addSchema(readBundle(plane));
  return ajv;
}

/** A compiled Ajv validator per `plane#/$defs/Name`. */
export function ajvValidators(): Map<string, ValidateFunction> {
  const ajv = strictAjv();
  const out = new Map<string, ValidateFunction>();
  for (const plane of PLANES) {
    for (const name of Object.keys(readBundle(plane).$defs)) {
      const v = ajv.getSchema(`${schemaId(plane)}#/$defs/${name}`);
      if (!v) throw new Error(`ajv cannot resolve ${plane}#/$defs/${name}`);
      out.set(`${plane}#/$defs/${name}`, v);
    }
  }
  return out;
}

/** Ajv 2020 strict validator for one standalone document of schemas/json (vector-file, report, ...). */
export function validatorFor(name: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/json/${name}.schema.json`, import.meta.url), 'utf8')) as object;
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}
