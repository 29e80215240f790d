// Attributes a frame to the `from` it carries instead of the connection it arrived on.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { receiveContent } from '../../../reference/dataplane/content/receive.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('trusts-from', {
  bug: 'the sender of a frame is taken from its from member',
  breaks: 'CONT-01',
  mustFail: ['dataplanecontent.chat.sender-not-from', 'prop.dataplane.attribution'],
  factories: { receive: (s, sender, f) => receiveContent(s, isJsonObject(f) && typeof f.from === 'string' && f.from ? f.from : sender, f) },
});
export const { info, run } = m;
export default m;
