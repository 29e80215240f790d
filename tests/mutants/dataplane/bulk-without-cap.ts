// Dials bulk as soon as sig opens, without waiting for the peer's cap: old peers get a second
// connection they take for another sig.
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { MeshPair, type PairOutput } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class Eager extends MeshPair {
  override step(at: number, e: Parameters<MeshPair['step']>[1]): PairOutput[] {
    const out = super.step(at, e);
    if (e.type === 'open' && e.channel === 'sig') super.step(at, { type: 'frame', channel: 'sig', msg: { t: 'cap', bulk: 1 } as JsonObject }).forEach((o) => out.push(o));
    return out;
  }
}
const m = dataplaneMutant('bulk-without-cap', {
  bug: 'the initiator dials bulk when sig opens, before any cap',
  breaks: 'WIRE-05',
  mustFail: ['dataplanemesh.connections.cap-on-open', 'dataplanemesh.connections.old-peer-sig'],
  factories: { pair: (c, start) => new Eager(c, start) },
});
export const { info, run } = m;
export default m;
