// Treats an unreadable connection fingerprint ('' or null) as "no binding needed" instead of
// failing closed. (This is what upstream's verify function alone does; its coordinator guards it.)
import { runOp } from '../../../reference/adapter/ops.ts';
import { mutant } from '../mutant.ts';

const m = mutant('hostcmd-unreadable-fp-skips-binding', {
  bug: 'cert binding skipped when the certificate is unreadable',
  breaks: 'HCMD-09',
  mustFail: ['hostcmd.verify-reject.empty-remote-fp', 'hostcmd.verify-reject.null-remote-fp'],
  ops: {
    'hostcmd.verify': (i) => {
      const { remoteFp, ...rest } = i;
      return runOp('hostcmd.verify', remoteFp ? i : rest);
    },
  },
});
export const { info, run } = m;
export default m;
