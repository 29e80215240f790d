// A directed frame is sent whatever the recipient's grant says.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('directed-without-receive-directed', {
  bug: 'directed sends skip the receive-directed check',
  breaks: 'CAPS-11',
  mustFail: ['agentcaps.recipients.direct-chat-no-directed', 'prop.agents.recipients.matches-model'],
  ops: {
    'caps.recipients': async (i) => {
      const r = await reference('caps.recipients', i);
      if ('ok' in r && r.ok && typeof i.to === 'string' && (r.output.recipients as string[]).length === 0) return { ok: true, output: { recipients: [i.to], broadcast: false } };
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
