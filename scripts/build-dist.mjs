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
const { checkSetDigest, identifyCheckSuite, vectorSetDigest, MANIFEST_FILE } = await import(new URL('conformance/suite-digest.js', dist).href);
const checks = allChecks(loadRequirements());
// The check lists of the suites with their own CLI (ADP-16, ADP-50), so a changed one reads as modified.
const { BROKER_CHECKS } = await import(new URL('conformance/broker/checks.js', dist).href);
const { PEER_CHECKS } = await import(new URL('conformance/peer/suite.js', dist).href);
const { ALL_CASES } = await import(new URL('conformance/interop/cases.js', dist).href);
const suites = {};
for (const [name, list] of [['broker', BROKER_CHECKS], ['peer', PEER_CHECKS], ['interop', ALL_CASES]]) {
  const { checks: c } = identifyCheckSuite(name, list);
  suites[name] = { checks: c.digest, checkCount: c.count };
}
const manifest = { vectors: vectorSetDigest(), checks: checkSetDigest(checks), checkCount: checks.length, suites };
writeFileSync(new URL(MANIFEST_FILE, dist), JSON.stringify(manifest, null, 2) + '\n');
console.log(`dist/: ${checks.length} checks, vectors ${manifest.vectors.slice(0, 19)}…`);
