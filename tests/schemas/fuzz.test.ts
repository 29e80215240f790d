// Schema-derived fuzzing of every plane definition (spec/07-messages.md). Per run: one valid
// message (must be accepted), up to eight single-fault mutations of it (each must be rejected with
// the expected code at the expected JSON Pointer), one random JSON value (the decoders, the compiled TypeBox
// validator and Ajv must agree). Decoding must never throw [MSG-07].
// Replay a failure with the seed/path it prints:  FUZZ_SEED=<seed> FUZZ_PATH=<path> node scripts/test.mjs tests/schemas fuzz
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { allEntries, type CatalogEntry } from '../../reference/messages/catalog.ts';
import { decodeWith } from '../../reference/messages/decode.ts';
import { decodeCoordinatorToClient, decodeClientToCoordinator, decodePresence } from '../../reference/messages/presence.ts';
import { decodeSignaling, decodeSignalingFromClient, decodeSocketQuery, decodeSignalHostResponse } from '../../reference/messages/signaling.ts';
import { decodeDataplane } from '../../reference/messages/dataplane.ts';
import { decodeCompactToken, decodeSigned } from '../../reference/messages/signed.ts';
import { MSG_ERROR_CODES } from '../../reference/messages/codes.ts';
import { ajvValidators, PLANES, readBundle } from './ajv.ts';
import { SchemaArbitraries } from './arbitrary.ts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 10)) | 0;
const PATH = process.env.FUZZ_PATH;
const RUNS = Number(process.env.FUZZ_RUNS ?? 13_000);
const MUTATIONS_PER_VALUE = 8;
const REPLAY = (path?: string) => `FUZZ_SEED=${SEED}${path ? ` FUZZ_PATH=${path}` : ''} node scripts/test.mjs tests/schemas fuzz`;

const ajv = ajvValidators();
const arbs = new Map(PLANES.map((p) => [p, new SchemaArbitraries(readBundle(p))]));
const entries = allEntries();
const PLANE_DECODERS: ((v: unknown) => { ok: boolean })[] = [
  decodeClientToCoordinator, decodeCoordinatorToClient, decodePresence, decodeSignaling, decodeSignalingFromClient,
  decodeSignalHostResponse, decodeDataplane, decodeSigned, decodeCompactToken,
  (v) => decodeSocketQuery(typeof v === 'string' ? v : JSON.stringify(v)),
];
const KNOWN_CODES: ReadonlySet<string> = new Set(MSG_ERROR_CODES);

const stats = { valid: 0, mutated: 0, random: 0, planeCalls: 0, throws: 0 };

function decodeNoThrow(entry: CatalogEntry, v: unknown) {
  try {
    return decodeWith(entry, v);
  } catch (e) {
    stats.throws++;
    throw new Error(`decoder threw on ${entry.plane}#/$defs/${entry.name}: ${String(e)}`);
  }
}

/** Does `path` name a member of `root`, or (for a missing member) a child of an existing object? */
function pointsInto(root: unknown, path: string, code: string): boolean {
  if (path === '') return true;
  const tokens = path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = root;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(t) || Number(t) >= cur.length) return false;
      cur = cur[Number(t)];
    } else if (typeof cur === 'object' && cur !== null) {
      const has = Object.prototype.hasOwnProperty.call(cur, t);
      if (!has) return last && code === 'msg.missing-field';
      cur = (cur as Record<string, unknown>)[t];
    } else return false;
  }
  return code !== 'msg.missing-field';
}

const runArb = fc
  .constantFrom(...entries)
  .chain((e) => fc.tuple(fc.constant(e), arbs.get(e.plane)!.valid(e.name), fc.nat(), fc.jsonValue({ maxDepth: 3 })));

test('[MSG-07] [MSG-39] fuzz: schema-derived valid, mutated and random messages', () => {
  const started = Date.now();
  try {
    fc.assert(
      fc.property(runArb, ([entry, value, pick, random]) => {
        const key = `${entry.plane}#/$defs/${entry.name}`;
        const ajvCheck = ajv.get(key)!;

        // 1. valid: everyone accepts it
        stats.valid++;
        const r = decodeNoThrow(entry, value);
        if (!r.ok) throw new Error(`${key} rejected a generated valid value: ${r.error.code} ${r.error.message}`);
        if (!ajvCheck(value)) throw new Error(`${key}: Ajv rejects a generated valid value: ${JSON.stringify(ajvCheck.errors)}`);
        if (entry.faults.find(entry.name, value)) throw new Error(`${key}: the fault finder flags a valid value`);

        // 2. single faults (up to eight per value): rejected with the expected code at the expected pointer
        const sites = arbs.get(entry.plane)!.sites(entry.name, value);
        const picked = new Set<number>();
        for (let k = 0; k < MUTATIONS_PER_VALUE && sites.length; k++) picked.add((pick + k * 7919) % sites.length);
        for (const i of picked) {
          const site = sites[i]!;
          const bad = site.apply();
          stats.mutated++;
          const m = decodeNoThrow(entry, bad);
          if (m.ok) throw new Error(`${key}: ${site.kind} at ${site.path} was accepted`);
          if (m.error.path !== site.path || !site.codes.includes(m.error.code)) {
            throw new Error(`${key}: ${site.kind} at ${site.path} (expected ${site.codes.join('|')}) reported ${m.error.code} at ${m.error.path}`);
          }
          if (ajvCheck(bad)) throw new Error(`${key}: Ajv accepts the ${site.kind} mutation at ${site.path}`);
        }

        // 3. random JSON: same verdict everywhere, and a typed error that points into the value
        stats.random++;
        const x = decodeNoThrow(entry, random);
        if (x.ok !== ajvCheck(random)) throw new Error(`${key}: decoder says ${x.ok}, Ajv disagrees on ${JSON.stringify(random)}`);
        if (!x.ok) {
          if (!KNOWN_CODES.has(x.error.code)) throw new Error(`${key}: untyped error ${x.error.code}`);
          if (x.error.message.includes('without a located fault')) throw new Error(`${key}: validators disagree on ${JSON.stringify(random)}`);
          if (!pointsInto(random, x.error.path, x.error.code)) throw new Error(`${key}: ${x.error.code} at ${x.error.path} does not point into ${JSON.stringify(random)}`);
        }
        // Every plane-level decoder sees random input too (one per run, in turn).
        stats.planeCalls++;
        PLANE_DECODERS[pick % PLANE_DECODERS.length]!(random);
      }),
      { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) },
    );
  } catch (e) {
    const path = /path: ?"?([0-9:]+)"?/.exec(String(e))?.[1];
    console.log(`fuzz FAILED (seed ${SEED}); replay: ${REPLAY(path)}`);
    throw e;
  }
  const total = stats.valid + stats.mutated + stats.random;
  console.log(
    `fuzz: ${total} cases (${stats.valid} valid, ${stats.mutated} mutated, ${stats.random} random JSON; ` +
      `${stats.planeCalls} plane-decoder calls) over ${entries.length} definitions in ${Date.now() - started} ms, ` +
      `${stats.throws} throws; seed ${SEED}; replay: ${REPLAY()}`,
  );
  assert.is(stats.throws, 0);
  if (!PATH) assert.ok(total >= 100_000, `only ${total} cases`);
});

test.run();
