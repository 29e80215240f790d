// The presence profile against the reference, in process and through the stdio adapter: every
// vector and every property passes; the seed and a replay line are printed for the properties.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InProcessReference } from '../../conformance/impl/in-process.ts';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';
import { failures, presenceChecks, runPresence } from './suite-helpers.ts';

const SEED = Number(process.env.PRESENCE_SEED ?? 20260101);
const BIN = new URL('../../bin/kibitz-reference.mjs', import.meta.url).pathname;

test('[PRES-55] [PRES-57] [PRES-59] every presence vector and property passes against the reference (in process)', async () => {
  const results = await runPresence(new InProcessReference(), SEED, 40);
  console.log(`presence properties: seed ${SEED}; replay with PRESENCE_SEED=${SEED} node scripts/test.mjs tests/presence conformance`);
  assert.ok(results.filter((r) => r.kind === 'vector').length >= 100, 'at least 100 presence vectors');
  assert.ok(results.filter((r) => r.kind === 'property').length >= 7, 'at least 7 presence properties');
  assert.equal(failures(results).map((r) => `${r.id}: ${r.message}`), []);
});

test('[PRES-56] [ADP-02] the session ops work over the stdio adapter too', async () => {
  const checks = presenceChecks().filter((c) => c.id.startsWith('prop.presence.lock') || c.id.startsWith('presencepeer.loop'));
  const results = await runPresence(new StdioImplementation(`node ${BIN}`), SEED, 6, checks);
  assert.ok(results.length >= 5);
  assert.equal(failures(results).map((r) => `${r.id}: ${r.message}`), []);
});

test.run();
