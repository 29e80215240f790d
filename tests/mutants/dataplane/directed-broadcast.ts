// A directed send goes to everyone: the third peer sees the private message.
import { recipients } from '../../../reference/agents/policy.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('directed-broadcast', {
  bug: 'a directed send is broadcast',
  breaks: 'CONT-07',
  mustFail: ['dataplanecontent.recipients.directed', 'prop.dataplane.recipients'],
  factories: { recipients: (view, k, o = {}) => recipients(view, k, { ...(o.transfer !== undefined ? { transfer: o.transfer } : {}) }) },
});
export const { info, run } = m;
export default m;
