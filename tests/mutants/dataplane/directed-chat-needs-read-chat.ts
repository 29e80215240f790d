// Asks read-chat of the recipient of a directed chat, app or pay, as CONT-07 once did; upstream and
// CAPS-11 ask receive-directed only.
import { grantOf, recipients } from '../../../reference/agents/policy.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('directed-chat-needs-read-chat', {
  bug: 'a directed chat, app or pay also needs read-chat',
  breaks: 'CONT-07',
  mustFail: ['dataplanecontent.recipients.directed-chat-without-read-chat', 'prop.dataplane.recipients'],
  factories: {
    recipients: (view, k, o = {}) => {
      const r = recipients(view, k, o);
      if (r && o.to !== undefined && ['chat', 'app', 'pay'].includes(k) && !grantOf(view, o.to).perceive.includes('read-chat')) return { recipients: [], broadcast: false };
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
