// Accepts an invite whose exp equals now (a leeway of one second).
import { mutant, runOp } from './_lib.ts';

const m = mutant('invite-exp-inclusive', {
  bug: 'invites valid while now <= exp instead of now < exp',
  breaks: 'INV-04',
  mustFail: ['admission.invite-reject.exp-now', 'prop.admission.invite.room-and-exp'],
  ops: { 'invite.verify': (i) => runOp('invite.verify', { ...i, now: Number(i.now) - 1 }) },
});
export const { info, run } = m;
export default m;
