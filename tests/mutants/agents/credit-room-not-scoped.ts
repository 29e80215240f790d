// The credit's room claim is never checked: a credit for one room works in every room.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('credit-room-not-scoped', {
  bug: 'the room scope of a credit is not checked',
  breaks: 'CRED-03',
  mustFail: ['agents.credit-reject.wrong-room', 'agents.credit-reject.room-absent'],
  ops: {
    'credit.verify': (i) => {
      const { room: _room, ...rest } = i;
      return reference('credit.verify', rest);
    },
  },
});
export const { info, run } = m;
export default m;
