// Checks the op before the key when signing: a bad key asked to sign an unknown op reports the op.
import { runOp } from '../../../reference/adapter/ops.ts';
import { HOST_OPS } from '../../../reference/hostcmd/payload.ts';
import { mutant } from '../mutant.ts';

const m = mutant('hostcmd-sign-op-before-key', {
  bug: 'signing checks the op before the key',
  breaks: 'HCMD-19',
  mustFail: ['hostcmd.sign.order-key-before-op'],
  ops: {
    'hostcmd.sign': async (i) => {
      if (typeof i.op === 'string' && !(HOST_OPS as readonly string[]).includes(i.op) && Number.isSafeInteger(i.now)) {
        return { ok: false, error: { code: 'hostcmd.unknown-op', message: 'mutant: op checked first' } };
      }
      return runOp('hostcmd.sign', i);
    },
  },
});
export const { info, run } = m;
export default m;
