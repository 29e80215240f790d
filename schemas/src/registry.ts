// Every exported schema document: one file in schemas/json/ per entry. A plane bundle lists its
// message types under $defs; a standalone schema (like the vector-file format) is its own root.
import type { TSchema } from 'typebox';
import { schemaId } from './ids.ts';
import { HARNESS_DOCUMENTS } from './harness.ts';
import { OPS_DOCUMENT } from './ops/document.ts';
import { PLANE_DOCUMENTS } from './planes.ts';
import { VectorFile } from './vector-file.ts';

export interface SchemaDocument {
  /** File stem in schemas/json/ and the last part of the $id. */
  name: string;
  title: string;
  description: string;
  /** A standalone schema (its own root) ... */
  root?: TSchema;
  /** ... or a bundle of named definitions, referenced as `<$id>#/$defs/<Name>`. */
  defs?: Record<string, TSchema>;
}

export const SCHEMA_DOCUMENTS: SchemaDocument[] = [
  {
    name: 'vector-file',
    title: 'Kibitz test-vector file',
    description: 'The format of every file in vectors/.',
    root: VectorFile,
  },
  ...PLANE_DOCUMENTS,
  ...HARNESS_DOCUMENTS,
  OPS_DOCUMENT,
];

/** The JSON text written for a document (2020-12, stable $id, $defs for bundles). */
export function renderSchemaDocument(doc: SchemaDocument): Record<string, unknown> {
  const head = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: schemaId(doc.name), title: doc.title, description: doc.description };
  if (doc.root) {
    const { $id: _ignored, title: _t, ...rest } = JSON.parse(JSON.stringify(doc.root)) as Record<string, unknown>;
    return { ...head, ...rest };
  }
  return { ...head, $defs: JSON.parse(JSON.stringify(doc.defs ?? {})) };
}
