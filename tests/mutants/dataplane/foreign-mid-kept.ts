// Keeps a live line's mid even when it belongs to another peer: anyone can pre-claim a victim's mid.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('foreign-mid-kept', {
  bug: 'a live line keeps a mid that does not start with its sender',
  breaks: 'CONT-11',
  mustFail: ['dataplanecontent.chat.foreign-mid', 'prop.dataplane.attribution'],
  factories: {
    receive: (s, sender, f) => {
      const r = receiveContent(s, sender, f);
      if (r.ok && r.value.k === 'chat' && r.value.dm === false && isJsonObject(f) && typeof f.mid === 'string' && f.mid) r.value.mid = f.mid.slice(0, 80);
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
