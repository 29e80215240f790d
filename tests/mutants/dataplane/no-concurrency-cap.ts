// Opens any number of transfers per sender.
import { TransferReceiver } from '../../../reference/dataplane/xfer/receiver.ts';
import { dataplaneMutant } from './_lib.ts';

class Unbounded extends TransferReceiver {
  protected override maxConcurrent = Number.POSITIVE_INFINITY;
}
const m = dataplaneMutant('no-concurrency-cap', {
  bug: 'a fifth open transfer from one sender is accepted',
  breaks: 'XFER-07',
  mustFail: ['dataplanexfer.receive.fifth-transfer'],
  factories: { transferReceiver: (s, c) => new Unbounded(s, c) },
});
export const { info, run } = m;
export default m;
