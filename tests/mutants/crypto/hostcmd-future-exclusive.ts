// Treats a command exactly 60 s in the future as too early (exclusive bound instead of inclusive).
import { mutant } from '../mutant.ts';
import { verifyThenReject } from './_hostcmd-variants.ts';

const m = mutant('hostcmd-future-exclusive', {
  bug: 'future bound exclusive (iat = now + 60 rejected)',
  breaks: 'HCMD-11',
  mustFail: ['hostcmd.verify-valid.future-60s', 'prop.hostcmd.freshness-window'],
  ops: { 'hostcmd.verify': (i) => verifyThenReject(i, (iat, now) => (iat - now >= 60 ? 'hostcmd.future' : null)) },
});
export const { info, run } = m;
export default m;
