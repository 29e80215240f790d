// Ignores the expected mode when verifying a manifest.
import { mutant, runOp } from './_lib.ts';

const m = mutant('manifest-mode-unpinned', {
  bug: 'the expected mode is ignored, so an invite-mode roster is accepted where a google roster is expected',
  breaks: 'MAN-02',
  mustFail: ['admission.manifest-reject.wrong-mode', 'prop.admission.manifest.verify-order'],
  ops: {
    'manifest.verify': (i) => {
      const { mode: _ignored, ...rest } = i;
      return runOp('manifest.verify', rest);
    },
  },
});
export const { info, run } = m;
export default m;
