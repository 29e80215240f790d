// Never re-dials a data connection that closed.
import { MeshPair, type Channel } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class GivesUp extends MeshPair {
  protected override lost(channel: Channel): void {
    super.lost(channel);
    (this as unknown as { redialAt: Record<Channel, number | null> }).redialAt[channel] = null;
  }
}
const m = dataplaneMutant('no-redial', {
  bug: 'a closed sig or bulk connection is not re-dialled',
  breaks: 'MESH-08',
  mustFail: ['dataplanemesh.connections.redial-sig', 'dataplanemesh.connections.redial-bulk'],
  factories: { pair: (c, start) => new GivesUp(c, start) },
});
export const { info, run } = m;
export default m;
