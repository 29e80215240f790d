// Hands control frames on sig to the application as well as acting on them.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { MeshPair, type Channel, type Payload, type PairOutput } from '../../../reference/dataplane/mesh/pair.ts';
import { dataplaneMutant } from './_lib.ts';

class Leaky extends MeshPair {
  protected override frame(channel: Channel, p: Payload, out: PairOutput[]): void {
    super.frame(channel, p, out);
    if ('msg' in p && isJsonObject(p.msg) && typeof p.msg.t === 'string') out.push({ type: 'deliver', msg: p.msg });
  }
}
const m = dataplaneMutant('control-delivered', {
  bug: 'control frames reach the application',
  breaks: 'MSG-34',
  mustFail: ['dataplanemesh.control.control-not-delivered'],
  factories: { pair: (c, start) => new Leaky(c, start) },
});
export const { info, run } = m;
export default m;
