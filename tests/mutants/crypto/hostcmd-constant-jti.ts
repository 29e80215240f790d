// Signs every command without a given jti with the same jti: the replay window then drops the
// host's second command as a replay of the first.
import { signHostCommand } from '../../../reference/hostcmd/sign.ts';
import { runOp } from '../../../reference/adapter/ops.ts';
import { mutant } from '../mutant.ts';

const m = mutant('hostcmd-constant-jti', {
  bug: 'a signer without a given jti always writes the same one',
  breaks: 'HCMD-06',
  mustFail: ['prop.hostcmd.sign.fresh-jti'],
  ops: {
    'hostcmd.sign': async (i) => {
      if (i.jti !== undefined && i.jti !== null) return runOp('hostcmd.sign', i);
      const r = signHostCommand({ privateJwk: i.privateJwk, room: String(i.room), fp: String(i.fp), op: String(i.op), target: typeof i.target === 'string' ? i.target : undefined, now: Number(i.now), jti: '0'.repeat(24) });
      return r.ok ? { ok: true, output: { token: r.value.token } } : { ok: false, error: r.error };
    },
  },
});
export const { info, run } = m;
export default m;
