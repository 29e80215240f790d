// Takes any chunk count an xbegin claims.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('n-not-checked', {
  bug: 'n is not compared with ceil(size / 49152)',
  breaks: 'XFER-03',
  mustFail: ['dataplanexfer.begin.wrong-n', 'dataplanexfer.begin.one-chunk-claim'],
  factories: {
    receive: (s, sender, f) => {
      if (isJsonObject(f) && f.k === 'xbegin' && typeof f.size === 'number' && f.size >= 0) return receiveContent(s, sender, { ...f, n: f.size === 0 ? 0 : Math.ceil(f.size / 49152) });
      return receiveContent(s, sender, f);
    },
  },
});
export const { info, run } = m;
export default m;
