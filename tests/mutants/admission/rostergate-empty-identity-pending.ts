// Treats a verified empty identity as "not verified yet" instead of off the roster.
import { mutant, runOp } from './_lib.ts';

const m = mutant('rostergate-empty-identity-pending', {
  bug: 'an empty verified identity counts as pending (a falsy test), so an empty-e-mail peer never raises the alarm',
  breaks: 'RGATE-02',
  mustFail: ['admissiongate.state.empty-identity', 'prop.admission.rostergate.model'],
  ops: {
    'rostergate.state': (i) =>
      runOp('rostergate.state', { ...i, peers: ((i.peers ?? []) as { id: string; identity?: string | null }[]).map((p) => (p.identity === '' ? { ...p, identity: null } : p)) }),
  },
});
export const { info, run } = m;
export default m;
