// Attribution (ADP-18): a vector failure is charged to covers[0], the most specific requirement the
// vector demonstrates (for an invalid vector, the requirement its error code belongs to, when it
// covers one). Mutants that each break one requirement must see every vector they fail charged to
// that requirement, not to the umbrella rule listed beside it (ROOM-01 for a ROOM-02 bug).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ModuleImplementation } from '../../conformance/impl/module.ts';
import { runChecks } from '../../conformance/runner.ts';
import { loadRequirements } from '../../conformance/spec-index.ts';
import { allChecks } from '../../conformance/suite.ts';
import type { Mutant } from '../mutants/mutant.ts';

const reqs = loadRequirements();
const checks = allChecks(reqs).filter((c) => c.kind === 'vector');

/** One mutant per area whose vectors used to lead with the umbrella requirement. */
const MUTANTS = ['crypto/room-cut-before-trim', 'crypto/room-ascii-lowercase', 'agents/credit-room-not-scoped', 'wire/close-frame-delivered'];

for (const path of MUTANTS) {
  test(`${path}: every vector it fails is charged to the requirement it breaks`, async () => {
    const m = ((await import(`../mutants/${path}.ts`)) as { default: Mutant }).default;
    const mine = checks.filter((c) => m.mustFail.includes(c.id));
    assert.ok(mine.length >= 1, `${path} names vector checks`);
    const impl = new ModuleImplementation(`tests/mutants/${path}.ts`);
    await impl.start();
    const results = await runChecks(impl, mine, reqs, { seed: 1, runs: 1, expectations: [], replay: (id) => id });
    await impl.stop();
    assert.equal(
      results.map((r) => [r.id, r.outcome, r.failedRequirement]),
      mine.map((c) => [c.id, 'fail', m.breaks]),
    );
  });
}

test.run();
