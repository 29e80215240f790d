// Tears a pair down the moment its peer leaves the roster: every broker flap drops all media.
import { MeshPair, type PairOutput } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class Impatient extends MeshPair {
  protected override roster(present: boolean, out: PairOutput[]): void {
    super.roster(present, out);
    if (!present && this.dropAt !== null) this.dropAt = this.now;
  }
}
const m = dataplaneMutant('no-drop-grace', {
  bug: 'no 7000 ms drop grace',
  breaks: 'MESH-25',
  mustFail: ['dataplanemesh.grace.grace'],
  factories: { pair: (c, start) => new Impatient(c, start) },
});
export const { info, run } = m;
export default m;
