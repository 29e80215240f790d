// Keeps a grant's egress only when it is the boolean true, as MSG-38 once said; upstream and
// GRANT-05 keep any JavaScript-truthy value.
import { isJsonObject, type JsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('caps-egress-strict', {
  bug: 'a caps grant keeps egress only when it is the boolean true',
  breaks: 'CONT-31',
  mustFail: ['dataplanecontent.control.caps-egress-truthy'],
  factories: {
    receive: (s, sender, f) => {
      const r = receiveContent(s, sender, f);
      if (!r.ok || r.value.k !== 'caps' || !isJsonObject(f) || !isJsonObject(f.grants) || !isJsonObject(r.value.grants)) return r;
      for (const [id, g] of Object.entries(r.value.grants)) {
        const sent = f.grants[id];
        if (isJsonObject(g) && !(isJsonObject(sent) && sent.egress === true)) delete (g as JsonObject).egress;
      }
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
