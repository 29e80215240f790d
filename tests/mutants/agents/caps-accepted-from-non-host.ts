// A caps frame is applied from any peer, not only from the roster host.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('caps-accepted-from-non-host', {
  bug: 'caps is applied whoever sent it',
  breaks: 'CAPS-03',
  mustFail: ['agentcaps.receive.from-non-host', 'prop.agents.caps-receive.only-from-host'],
  ops: {
    'caps.receive': (i) => reference('caps.receive', typeof i.host === 'string' && i.host !== '' ? { ...i, from: i.host } : i),
  },
});
export const { info, run } = m;
export default m;
