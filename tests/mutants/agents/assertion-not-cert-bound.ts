// The verifier never compares the assertion's fp with the connection's certificate.
import { mutant } from '../mutant.ts';
import { peekPayload, reference } from './_lib.ts';

const m = mutant('assertion-not-cert-bound', {
  bug: 'the certificate binding of an assertion is not checked',
  breaks: 'AGT-06',
  mustFail: ['agents.verify-reject.fp-of-another-connection', 'prop.agents.assertion.cert-binding'],
  ops: {
    'agent.assertion.verify': (i) => {
      const fp = peekPayload(i.assertion)?.fp;
      return reference('agent.assertion.verify', typeof fp === 'string' && i.remoteFp !== null && i.remoteFp !== undefined && String(i.remoteFp).trim() !== '' ? { ...i, remoteFp: fp } : i);
    },
  },
});
export const { info, run } = m;
export default m;
