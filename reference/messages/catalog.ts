// Every plane definition, compiled once at module load: a TypeBox JIT validator for the verdict and
// a fault finder over the exported JSON for the error. Per-message cost is one compiled check.
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { schemaId } from '../../schemas/src/ids.ts';
import { PLANE_DOCUMENTS } from '../../schemas/src/planes.ts';
import { defsContext } from '../../schemas/src/defs.ts';
import { FaultFinder, type Bundle } from './fault.ts';

export interface CatalogEntry {
  readonly plane: string;
  readonly name: string;
  /** `urn:kibitz:kbz-v1:<plane>#/$defs/<name>` */
  readonly id: string;
  readonly check: (value: unknown) => boolean;
  readonly faults: FaultFinder;
}

function build(): Map<string, CatalogEntry> {
  const out = new Map<string, CatalogEntry>();
  for (const doc of PLANE_DOCUMENTS) {
    const context = defsContext(doc.defs) as Record<string, TSchema>;
    const faults = new FaultFinder(JSON.parse(JSON.stringify({ $defs: doc.defs })) as Bundle);
    for (const [name, schema] of Object.entries(doc.defs)) {
      const validator = Compile(context, schema);
      const entry: CatalogEntry = { plane: doc.name, name, id: `${schemaId(doc.name)}#/$defs/${name}`, check: (v) => validator.Check(v), faults };
      out.set(`${doc.name}#/$defs/${name}`, entry);
    }
  }
  return out;
}

const ENTRIES = build();

export function catalogEntry(plane: string, name: string): CatalogEntry {
  const e = ENTRIES.get(`${plane}#/$defs/${name}`);
  if (!e) throw new Error(`no schema ${plane}#/$defs/${name}`); // a programming error, never input-driven
  return e;
}

export const allEntries = (): CatalogEntry[] => [...ENTRIES.values()];

/**
 * Resolves a schema name as the schema.validate op accepts it (7.10): the full
 * `urn:kibitz:kbz-v1:<plane>#/$defs/<Name>`, the same without the URN prefix, or a bare `<Name>`
 * that exactly one plane defines. Undefined when it names nothing (or is ambiguous).
 */
export function resolveSchemaName(ref: string): CatalogEntry | undefined {
  const prefix = schemaId('');
  const local = ref.startsWith(prefix) ? ref.slice(prefix.length) : ref;
  if (local.includes('#/$defs/')) return ENTRIES.get(local);
  const matches = [...ENTRIES.values()].filter((e) => e.name === local);
  return matches.length === 1 ? matches[0] : undefined;
}
