// Accepts content from peers that are still pending (only rejected senders are dropped).
import { mutant, ok, runOp } from './_lib.ts';

const m = mutant('rostergate-receives-from-pending', {
  bug: 'the receive filter drops only rejected senders; a pending peer\'s chat is shown',
  breaks: 'RGATE-06',
  mustFail: ['admissiongate.allows.receive-from-pending', 'prop.admission.rostergate.allows-model'],
  ops: {
    'rostergate.allows': async (i) => {
      if (i.action !== 'receive') return runOp('rostergate.allows', i);
      const s = await runOp('rostergate.state', i);
      if (!('ok' in s) || !s.ok) return s;
      const state = (s.output.peers as Record<string, string>)[String(i.peer)];
      return ok({ allowed: state !== 'rejected' || i.kind === 'idtoken' || i.kind === 'caps' });
    },
  },
});
export const { info, run } = m;
export default m;
