// Writes schemas/json/<name>.schema.json for every document in schemas/src/registry.ts.
// `--check` writes nothing and exits 1 when a committed file is stale (run by npm test).
import { renderSchemaDocument, SCHEMA_DOCUMENTS } from '../schemas/src/registry.ts';
import { staleNote, syncGenerated } from './lib/generated.ts';

export function renderAllSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of SCHEMA_DOCUMENTS) {
    out.set(new URL(`../schemas/json/${doc.name}.schema.json`, import.meta.url).pathname, JSON.stringify(renderSchemaDocument(doc), null, 2) + '\n');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const stale = syncGenerated(renderAllSchemas(), check);
  console.log(`${SCHEMA_DOCUMENTS.length} schema documents${staleNote(stale, check)}`);
  if (check && stale) process.exit(1);
}
