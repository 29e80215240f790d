#!/usr/bin/env node
// Finishes `npm run build` after tsc has compiled the harness, the reference and the schemas into
// dist/: a dist/package.json (ES modules; the version the reference reports), and the suite
// manifest (digests of the bundled vectors and of the check list) that lets the compiled harness
// notice vectors or checks changed after release (spec/10-adapter-protocol.md, ADP-16).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
writeFileSync(new URL('package.json', dist), JSON.stringify({ name: 'kibitz-protocol-dist', version: pkg.version, private: true, type: 'module' }, null, 2) + '\n');
for (const bin of ['conformance-entry.js', 'reference-entry.js']) chmodSync(new URL(`bin/${bin}`, dist), 0o755);

const { loadRequirements } = await import(new URL('conformance/spec-index.js', dist).href);
const { allChecks } = await import(new URL('conformance/suite.js', dist).href);
const { checkSetDigest, vectorSetDigest, MANIFEST_FILE } = await import(new URL('conformance/suite-digest.js', dist).href);
const checks = allChecks(loadRequirements());
const manifest = { vectors: vectorSetDigest(), checks: checkSetDigest(checks), checkCount: checks.length };
writeFileSync(new URL(MANIFEST_FILE, dist), JSON.stringify(manifest, null, 2) + '\n');
console.log(`dist/: ${checks.length} checks, vectors ${manifest.vectors.slice(0, 19)}…`);
