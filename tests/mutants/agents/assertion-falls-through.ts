// A wrong claim under the right key makes the verifier try the next key, ending in not-allowed.
import { mutant } from '../mutant.ts';
import { fail, reference } from './_lib.ts';

const CLAIM_CODES = ['agent.wrong-kind', 'agent.wrong-room', 'agent.not-cert-bound', 'agent.no-iat', 'agent.future', 'agent.stale'];

const m = mutant('assertion-falls-through', {
  bug: 'a claim failure falls through to the next allow-listed key',
  breaks: 'AGT-07',
  mustFail: ['agents.verify-reject.no-fall-through-wrong-room', 'agents.verify-reject.no-fall-through-stale'],
  ops: {
    'agent.assertion.verify': async (i) => {
      const r = await reference('agent.assertion.verify', i);
      if ('ok' in r && !r.ok && CLAIM_CODES.includes(r.error.code)) return fail('agent.not-allowed', 'no key left to try');
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
