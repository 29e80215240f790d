// Binds commands to the authority peer id ("kbz-v1-" + room id) instead of the room id.
import { runOp } from '../../../reference/adapter/ops.ts';
import { mutant } from '../mutant.ts';

const m = mutant('hostcmd-room-is-peer-id', {
  bug: 'room member compared with the kbz-v1- peer id',
  breaks: 'ROOM-05',
  mustFail: ['hostcmd.verify-valid.op-lock', 'hostcmd.verify-reject.room-is-peer-id', 'hostcmd.sign.op-lock'],
  ops: {
    'hostcmd.verify': (i) => runOp('hostcmd.verify', { ...i, room: `kbz-v1-${String(i.room)}` }),
    'hostcmd.sign': (i) => runOp('hostcmd.sign', { ...i, room: `kbz-v1-${String(i.room)}` }),
  },
});
export const { info, run } = m;
export default m;
