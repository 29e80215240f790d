// Bounds an app payload by the length of the string, not of its JSON text.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('app-raw-length', {
  bug: 'a string payload is measured without its quotes and escapes',
  breaks: 'CONT-17',
  mustFail: ['dataplanecontent.app.string-over-limit', 'dataplanecontent.app.escapes-count'],
  factories: {
    receive: (s, sender, f) => {
      if (isJsonObject(f) && f.k === 'app' && typeof f.data === 'string' && f.data.length <= 262144) return { ok: true, value: { k: 'app', sender, data: f.data } };
      return receiveContent(s, sender, f);
    },
  },
});
export const { info, run } = m;
export default m;
