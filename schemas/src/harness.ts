// Schemas of the conformance harness's own formats (adapter protocol, report, expectations).
import type { SchemaDocument } from './registry.ts';

export const HARNESS_DOCUMENTS: SchemaDocument[] = [];
