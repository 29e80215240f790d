// Treats a command exactly 120 s old as stale (exclusive bound instead of inclusive).
import { mutant } from '../mutant.ts';
import { verifyThenReject } from './_hostcmd-variants.ts';

const m = mutant('hostcmd-stale-off-by-one', {
  bug: 'stale bound off by one (iat = now - 120 rejected)',
  breaks: 'HCMD-11',
  mustFail: ['hostcmd.verify-valid.past-120s', 'prop.hostcmd.freshness-window'],
  ops: { 'hostcmd.verify': (i) => verifyThenReject(i, (iat, now) => (now - iat >= 120 ? 'hostcmd.stale' : null)) },
});
export const { info, run } = m;
export default m;
