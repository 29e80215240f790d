// Delivers content of kinds it does not know instead of dropping them.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('accepts-unknown-kinds', {
  bug: 'a frame whose k names no kind is delivered as is',
  breaks: 'MSG-36',
  mustFail: ['dataplanecontent.envelope.unknown-kind', 'dataplanecontent.envelope.k-case'],
  factories: {
    receive: (s, sender, f) => {
      const r = receiveContent(s, sender, f);
      if (!r.ok && r.error.code === 'cont.unknown-kind' && isJsonObject(f)) return { ok: true, value: { ...f, k: String(f.k), sender } };
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
