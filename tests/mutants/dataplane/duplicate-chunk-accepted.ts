// A chunk index that arrives twice replaces the first copy instead of being dropped.
import { TransferReceiver, type XferOutput } from '../../../reference/dataplane/xfer/receiver.ts';
import { dataplaneMutant } from './_lib.ts';

class Overwriting extends TransferReceiver {
  protected override chunk(at: number, from: string, id: string, i: number, payload: Uint8Array, out: XferOutput[]): void {
    const t = this.incoming.get(`${from}/${id}`);
    const old = t?.parts[i];
    if (t && old && !t.ordered) {
      t.parts[i] = undefined;
      t.got--;
      t.bytes -= old.length;
    }
    super.chunk(at, from, id, i, payload, out);
  }
}
const m = dataplaneMutant('duplicate-chunk-accepted', {
  bug: 'a duplicate chunk overwrites the one already taken',
  breaks: 'XFER-09',
  mustFail: ['dataplanexfer.receive.duplicate-chunk', 'prop.dataplane.xfer.receive-model'],
  factories: { transferReceiver: (s, c) => new Overwriting(s, c) },
});
export const { info, run } = m;
export default m;
