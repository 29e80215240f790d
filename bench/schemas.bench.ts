// Message validation throughput: the compiled TypeBox validators the reference decoders use against
// Ajv 2020 over the exported JSON, on the same corpus (every message in vectors/schemas.json, each
// checked against its vector's definition), measured side by side in one process.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { resolveSchemaName, type CatalogEntry } from '../reference/messages/catalog.ts';
import { decodeWith } from '../reference/messages/decode.ts';
import { PLANE_DOCUMENTS } from '../schemas/src/planes.ts';
import { schemaId } from '../schemas/src/ids.ts';

interface Item {
  entry: CatalogEntry;
  ajv: ValidateFunction;
  message: unknown;
  valid: boolean;
}

function corpus(): Item[] {
  const ajv = new Ajv2020({ strict: true });
  for (const doc of PLANE_DOCUMENTS) ajv.addSchema(JSON.parse(readFileSync(new URL(`../schemas/json/${doc.name}.schema.json`, import.meta.url), 'utf8')));
  const file = JSON.parse(readFileSync(new URL('../vectors/schemas.json', import.meta.url), 'utf8')) as {
    groups: { tests: { input: { schema: string; message: unknown }; result: string }[] }[];
  };
  return file.groups.flatMap((g) => g.tests).map((t) => {
    const entry = resolveSchemaName(t.input.schema)!;
    return { entry, ajv: ajv.getSchema(`${schemaId(entry.plane)}#/$defs/${entry.name}`)!, message: t.input.message, valid: t.result === 'valid' };
  });
}

/** Messages per second for `fn` over `items`, best of several rounds of at least `ms` each. */
function rate(items: Item[], fn: (i: Item) => unknown, ms = 400): number {
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const it of items) fn(it);
      n += items.length;
      now = performance.now();
    }
    best = Math.max(best, (n * 1000) / (now - start));
  }
  return best;
}

const fmt = (x: number) => `${(x / 1e6).toFixed(2)} M msg/s`.padStart(14);

export async function run(): Promise<void> {
  const all = corpus();
  const sets: [string, Item[]][] = [
    ['valid messages', all.filter((i) => i.valid)],
    ['invalid messages', all.filter((i) => !i.valid)],
    ['whole corpus', all],
  ];
  let sink = 0;
  console.log(`corpus: ${all.length} messages from vectors/schemas.json (${sets[0]![1].length} valid)`);
  console.log(`${'set'.padEnd(18)}${'TypeBox Compile'.padStart(16)}${'Ajv 2020 strict'.padStart(16)}${'ratio'.padStart(8)}${'decoder (+fault)'.padStart(18)}`);
  for (const [name, items] of sets) {
    const tb = rate(items, (i) => (sink += i.entry.check(i.message) ? 1 : 0));
    const aj = rate(items, (i) => (sink += i.ajv(i.message) ? 1 : 0));
    const dec = rate(items, (i) => (sink += decodeWith(i.entry, i.message).ok ? 1 : 0));
    console.log(`${name.padEnd(18)}${fmt(tb)}  ${fmt(aj)}${`${(tb / aj).toFixed(2)}x`.padStart(8)}${fmt(dec).padStart(18)}`);
  }
  if (sink < 0) console.log(sink); // keeps the checks from being optimised away
}
