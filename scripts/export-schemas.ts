// Writes schemas/json/<name>.schema.json for every document in schemas/src/registry.ts.
// `--check` writes nothing and exits 1 when a committed file is stale (run by npm test).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderSchemaDocument, SCHEMA_DOCUMENTS } from '../schemas/src/registry.ts';

export function renderAllSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of SCHEMA_DOCUMENTS) {
    out.set(new URL(`../schemas/json/${doc.name}.schema.json`, import.meta.url).pathname, JSON.stringify(renderSchemaDocument(doc), null, 2) + '\n');
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, text] of renderAllSchemas()) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(path, text);
  }
  console.log(`${SCHEMA_DOCUMENTS.length} schema documents${stale ? (check ? `, ${stale} stale` : `, ${stale} written`) : ', all up to date'}`);
  if (check && stale) process.exit(1);
}
