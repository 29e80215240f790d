// The independent second implementation (implementations/python, written from the spec text
// alone) passes the whole crypto profile, the whole presence profile (vectors and multi-peer
// properties, driven step by step through presence.open/step), the whole admission profile and
// the whole wire profile (BinaryPack, chunking, the receive path) through the stdio adapter
// protocol, the whole agents profile (assertions, credits, grants, and the presence door's
// agent branch of 8.10) and the whole dataplane profile (content receive rules, transfers, the
// mesh pair machine of chapter 14), with every message valid against the adapter-protocol schema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';
import { run } from './helpers.ts';

const PYTHON = '/usr/bin/python3';
const ADAPTER = new URL('../../implementations/python/adapter.py', import.meta.url).pathname;

test('[ADP-03] kibitz-py (Python, spec-only) passes every crypto check with no protocol violation', async () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const violations: string[] = [];
  const impl = new StdioImplementation(`${PYTHON} ${ADAPTER}`, { validateProtocol: true, onViolation: (m) => violations.push(m), timeoutMs: 20_000 });
  const results = await run(impl, []);
  const bad = results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);
  assert.ok(results.length > 340, `${results.length} checks`);
  assert.equal(bad, []);
  assert.equal(violations, []);
});

test('[ADP-03] kibitz-py passes every presence vector and multi-peer property with no protocol violation', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  // Through the public CLI, as any implementer runs it (spec 10.5).
  const dir = mkdtempSync(join(tmpdir(), 'kibitz-py-presence-'));
  const out = join(dir, 'report.json');
  try {
    const cli = new URL('../../bin/kibitz-conformance.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, '--impl', `cmd:${PYTHON} ${ADAPTER}`, '--profile', 'presence',
      '--validate-protocol', '--reporter', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(existsSync(out), `no report (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { id: string; kind: string; outcome: string; message?: string }[] };
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.ok(report.checks.filter((c) => c.kind === 'vector').length >= 100, `${report.checks.length} checks`);
    assert.ok(report.checks.some((c) => c.id === 'prop.presence.convergence'), 'multi-peer properties ran');
    assert.equal(bad, []);
    assert.equal(r.status, 0, (r.stderr ?? '').slice(-2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('[ADP-03] kibitz-py passes every admission vector and property with no protocol violation', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'kibitz-py-admission-'));
  const out = join(dir, 'report.json');
  try {
    const cli = new URL('../../bin/kibitz-conformance.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, '--impl', `cmd:${PYTHON} ${ADAPTER}`, '--profile', 'admission',
      '--validate-protocol', '--reporter', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(existsSync(out), `no report (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { id: string; kind: string; outcome: string; message?: string }[] };
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.ok(report.checks.filter((c) => c.kind === 'vector').length >= 290, `${report.checks.length} checks`);
    assert.ok(report.checks.some((c) => c.id.startsWith('prop.admission.')), 'admission properties ran');
    assert.equal(bad, []);
    assert.equal(r.status, 0, (r.stderr ?? '').slice(-2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('[ADP-03] kibitz-py passes every wire vector and property with no protocol violation', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'kibitz-py-wire-'));
  const out = join(dir, 'report.json');
  try {
    const cli = new URL('../../bin/kibitz-conformance.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, '--impl', `cmd:${PYTHON} ${ADAPTER}`, '--profile', 'wire',
      '--validate-protocol', '--reporter', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(existsSync(out), `no report (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { id: string; kind: string; outcome: string; message?: string }[] };
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.ok(report.checks.filter((c) => c.kind === 'vector').length >= 360, `${report.checks.length} checks`);
    assert.ok(report.checks.some((c) => c.id.startsWith('prop.wire.')), 'wire properties ran');
    assert.equal(bad, []);
    assert.equal(r.status, 0, (r.stderr ?? '').slice(-2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('[ADP-03] kibitz-py passes every agents vector and property with no protocol violation', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'kibitz-py-agents-'));
  const out = join(dir, 'report.json');
  try {
    const cli = new URL('../../bin/kibitz-conformance.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, '--impl', `cmd:${PYTHON} ${ADAPTER}`, '--profile', 'agents',
      '--validate-protocol', '--reporter', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(existsSync(out), `no report (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { id: string; kind: string; outcome: string; message?: string }[] };
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.ok(report.checks.filter((c) => c.kind === 'vector').length >= 380, `${report.checks.length} checks`);
    assert.ok(report.checks.some((c) => c.id.startsWith('prop.agents.')), 'agents properties ran');
    assert.ok(report.checks.some((c) => c.id.startsWith('agentgate.')), 'the door scenarios of 8.10 ran');
    assert.equal(bad, []);
    assert.equal(r.status, 0, (r.stderr ?? '').slice(-2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('[ADP-03] kibitz-py passes every dataplane vector and property with no protocol violation', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install python3 and python3-cryptography (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'kibitz-py-dataplane-'));
  const out = join(dir, 'report.json');
  try {
    const cli = new URL('../../bin/kibitz-conformance.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [cli, '--impl', `cmd:${PYTHON} ${ADAPTER}`, '--profile', 'dataplane',
      '--validate-protocol', '--reporter', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(existsSync(out), `no report (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: { id: string; kind: string; outcome: string; message?: string }[] };
    const bad = report.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.outcome} ${c.message ?? ''}`);
    assert.ok(report.checks.filter((c) => c.kind === 'vector').length >= 400, `${report.checks.length} checks`);
    assert.ok(report.checks.some((c) => c.id.startsWith('prop.dataplane.')), 'dataplane properties ran');
    assert.ok(report.checks.some((c) => c.id.startsWith('dataplanemesh.')), 'the mesh pair scenarios ran');
    assert.equal(bad, []);
    assert.equal(r.status, 0, (r.stderr ?? '').slice(-2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
