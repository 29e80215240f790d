// The reference passes its own dataplane profile: every vector and every property (with the
// harness's own models as oracles), in process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessReference } from '../../conformance/impl/in-process.ts';
import { failures, runDataplane } from './suite-helpers.ts';

test('[CONT-32] [XFER-24] [MESH-28] the reference passes every dataplane check', async () => {
  const results = await runDataplane(new InProcessReference(), 5, 15);
  assert.ok(results.length >= 400, `${results.length} checks`);
  const failed = failures(results);
  assert.equal(failed.map((r) => `${r.id}: ${r.message}`), []);
});

test('the dataplane vectors number at least 200, at least 80 of them negative', async () => {
  const { loadVectorFiles } = await import('../../conformance/checks/vectors.ts');
  const tests = loadVectorFiles().filter((f) => f.profile === 'dataplane').flatMap((f) => f.groups.flatMap((g) => g.tests));
  assert.ok(tests.length >= 200, `${tests.length} vectors`);
  assert.ok(tests.filter((t) => t.result === 'invalid').length >= 80, 'negative vectors');
});

test.run();
