// An assertion exactly 300 s old is treated as stale.
import { mutant } from '../mutant.ts';
import { fail, peekPayload, reference } from './_lib.ts';

const m = mutant('assertion-stale-off-by-one', {
  bug: 'the 300 s freshness bound is exclusive',
  breaks: 'AGT-11',
  mustFail: ['agents.verify-valid.past-300s', 'prop.agents.assertion.freshness-window'],
  ops: {
    'agent.assertion.verify': async (i) => {
      const r = await reference('agent.assertion.verify', i);
      const iat = peekPayload(i.assertion)?.iat;
      if ('ok' in r && r.ok && typeof iat === 'number' && typeof i.now === 'number' && i.now - iat >= 300) return fail('agent.stale', 'stale');
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
