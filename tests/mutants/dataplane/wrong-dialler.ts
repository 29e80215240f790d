// The peer whose id sorts last dials: both sides of an upstream pair wait for the other.
import { MeshPair, type PairConfig } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class BackwardsPair extends MeshPair {
  constructor(config: PairConfig, start: number) {
    super(config, start);
    this.initiator = !this.initiator;
  }
}
const m = dataplaneMutant('wrong-dialler', {
  bug: 'the peer with the greater media id dials',
  breaks: 'WIRE-04',
  mustFail: ['dataplanemesh.connections.initiator-dials', 'prop.dataplane.meshpair.dialler'],
  factories: { pair: (c, start) => new BackwardsPair(c, start) },
});
export const { info, run } = m;
export default m;
