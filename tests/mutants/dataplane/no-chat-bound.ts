// Keeps the whole chat text: no 500-character cut.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('no-chat-bound', {
  bug: 'chat text is trimmed but never cut to 500',
  breaks: 'CONT-10',
  mustFail: ['dataplanecontent.chat.text-501', 'prop.dataplane.chat.text-bound'],
  factories: {
    receive: (s, sender, f) => {
      const r = receiveContent(s, sender, f);
      if (r.ok && r.value.k === 'chat' && isJsonObject(f) && typeof f.text === 'string') r.value.text = f.text.trim();
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
