// `npm run peer:broken`: every broken peer program (tests/peer/fixtures/broken-peers.ts) through every
// peer-mode check that must catch it; each must fail naming the requirement its bug breaks. The lean
// subset runs in npm test (peer-mode.test.ts); this is the whole list (about two minutes).
import { startLoopbackBroker } from '../../conformance/peer/broker.ts';
import { loadNdc } from '../../conformance/peer/observer/link.ts';
import { BROKEN_PEERS } from './fixtures/broken-peers.ts';
import { runBroken } from './support/run-broken.ts';

const broker = await startLoopbackBroker();
const t0 = Date.now();
const verdicts = await runBroken(broker.url, Object.entries(BROKEN_PEERS).map(([name, b]) => ({ name, checks: b.mustFail })), 3);
await broker.close();
(await loadNdc()).cleanup();
let bad = 0;
for (const v of verdicts) {
  const want = BROKEN_PEERS[v.name]!.breaks;
  const ok = v.outcome === 'fail' && v.failedRequirement === want;
  if (!ok) bad++;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${v.name.padEnd(20)} ${v.check.padEnd(30)} ${v.outcome} ${v.failedRequirement ?? ''}${ok ? '' : ` (wanted fail ${want}): ${v.message.slice(0, 200)}`}`);
}
const expected = Object.values(BROKEN_PEERS).reduce((n, b) => n + b.mustFail.length, 0);
if (verdicts.length !== expected) bad++;
console.log(`${verdicts.length - bad} passed, ${bad} failed (${Math.round((Date.now() - t0) / 1000)} s)`);
process.exit(bad ? 1 : 0);
