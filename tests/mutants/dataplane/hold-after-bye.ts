// Keeps holding a peer that said bye.
import { MeshPair } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class Clingy extends MeshPair {
  protected override held(): boolean {
    const left = this.left;
    this.left = false;
    const h = super.held() || left;
    this.left = left;
    return h;
  }
}
const m = dataplaneMutant('hold-after-bye', {
  bug: 'a peer that said bye is still held',
  breaks: 'MESH-10',
  mustFail: ['dataplanemesh.grace.bye-not-held'],
  factories: { pair: (c, start) => new Clingy(c, start) },
});
export const { info, run } = m;
export default m;
