// Building blocks for the vector generators. A generator states each case's intent (valid, or
// the exact error code); `buildFile` runs the reference on it, refuses to write a file if the
// reference disagrees with the stated intent, and records the reference's output as `expected`.
import { readFileSync } from 'node:fs';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { runOp } from '../../reference/adapter/ops.ts';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { utf8 } from '../../reference/encoding/text.ts';
import { privateJwkFromSecret, publicJwkFromSecret, type EcPrivateJwk, type EcPublicJwk } from '../../reference/token/keys.ts';
import { Compile } from 'typebox/compile';
import { VectorFile as VectorFileSchema, type VectorFile, type VectorGroup, type VectorTest } from '../../schemas/src/vector-file.ts';

const checkFile = Compile(VectorFileSchema);

import { SPEC_VERSION } from '../../reference/adapter/info.ts';
export const GENERATOR = { name: 'scripts/gen-vectors.ts', version: '1' };

export interface Case {
  name: string;
  covers: string[];
  description: string;
  op: string;
  input: JsonObject;
  flags?: string[];
  /** Omit for a valid case; otherwise the error code the first failing step must report. */
  error?: string;
  intermediates?: JsonObject;
  comment?: string;
}
export interface Group {
  name: string;
  description: string;
  cases: Case[];
}
export interface FileSpec {
  file: string;
  title: string;
  profile: string;
  chapters: string[];
  notes: VectorFile['notes'];
  groups: Group[];
}

export async function buildFile(spec: FileSpec): Promise<VectorFile> {
  const ids = new Set<string>();
  const groups: VectorGroup[] = [];
  for (const g of spec.groups) {
    const tests: VectorTest[] = [];
    for (const c of g.cases) {
      const id = `${spec.file}.${g.name}.${c.name}`;
      if (ids.has(id)) throw new Error(`duplicate test id ${id}`);
      ids.add(id);
      const flags = c.flags ?? [];
      for (const f of flags) if (!spec.notes[f]) throw new Error(`${id}: flag ${f} has no note`);
      const outcome = await runOp(c.op, c.input);
      const common = {
        id,
        covers: c.covers,
        description: c.description,
        op: c.op,
        input: c.input,
        flags,
        ...(c.intermediates ? { intermediates: c.intermediates } : {}),
        ...(c.comment ? { comment: c.comment } : {}),
      };
      if ('unsupported' in outcome) throw new Error(`${id}: the reference does not implement ${c.op}`);
      if (c.error === undefined) {
        if (!outcome.ok) throw new Error(`${id}: meant valid, reference says ${outcome.error.code}: ${outcome.error.message}`);
        tests.push({ ...common, result: 'valid', expected: outcome.output });
      } else {
        if (outcome.ok) throw new Error(`${id}: meant ${c.error}, reference accepted it: ${JSON.stringify(outcome.output)}`);
        if (outcome.error.code !== c.error) throw new Error(`${id}: meant ${c.error}, reference says ${outcome.error.code}: ${outcome.error.message}`);
        tests.push({ ...common, result: 'invalid', error: c.error });
      }
    }
    groups.push({ id: `${spec.file}.${g.name}`, description: g.description, tests });
  }
  const out: VectorFile = {
    $schema: '../schemas/json/vector-file.schema.json',
    file: spec.file,
    title: spec.title,
    profile: spec.profile,
    spec: { version: SPEC_VERSION, chapters: spec.chapters },
    generator: GENERATOR,
    numberOfTests: ids.size,
    notes: spec.notes,
    groups,
  };
  const plain = JSON.parse(JSON.stringify(out)) as unknown; // what gets written: undefined members gone
  if (!checkFile.Check(plain)) {
    throw new Error(`${spec.file}: not a valid vector file: ${JSON.stringify(checkFile.Errors(plain).slice(0, 3))}`);
  }
  return out;
}

// ---- fixed key material -----------------------------------------------------------------

/** A P-256 key derived from a label, so the vectors need no committed EC private keys. */
export function ecKey(label: string): { secret: Uint8Array; pub: EcPublicJwk; priv: EcPrivateJwk } {
  const secret = sha256(utf8(`kibitz test vectors / ${label}`));
  if (!p256.utils.isValidSecretKey(secret)) throw new Error(`label ${label} gives an invalid scalar; pick another`);
  return { secret, pub: publicJwkFromSecret(secret), priv: privateJwkFromSecret(secret) };
}

const fixtures = new URL('../fixtures/', import.meta.url);
export const rsaKeys = JSON.parse(readFileSync(new URL('rsa-keys.json', fixtures), 'utf8')).keys as Record<string, JsonObject>;
/** 512- and 1024-bit RSA keys, below the minimum of IDT-23. */
export const rsaWeakKeys = JSON.parse(readFileSync(new URL('rsa-weak-keys.json', fixtures), 'utf8')).keys as Record<string, JsonObject>;

export function certDer(who: string): Uint8Array {
  const pem = readFileSync(new URL(`certs/${who}.crt.pem`, fixtures), 'utf8');
  const b64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(b64, 'base64'));
}

export function publicRsaJwk(k: JsonObject): JsonObject {
  const out: JsonObject = { kty: 'RSA', n: k.n!, e: k.e!, kid: k.kid!, alg: 'RS256', use: 'sig' };
  return out;
}
