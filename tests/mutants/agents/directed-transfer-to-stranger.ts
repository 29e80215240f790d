// Sends a directed transfer to an id that is not in the roster; upstream sends transfers only to
// roster members.
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('directed-transfer-to-stranger', {
  bug: 'a directed transfer goes to an id outside the roster',
  breaks: 'CAPS-11',
  mustFail: ['agentcaps.recipients.direct-file-stranger'],
  ops: {
    'caps.recipients': async (i) => {
      const r = await reference('caps.recipients', i);
      const ids = Array.isArray(i.roster) ? i.roster.map((m) => (m as JsonObject).id) : [];
      if ('ok' in r && r.ok && i.kind === 'xbegin' && typeof i.to === 'string' && i.to !== i.self && !ids.includes(i.to)) return { ok: true, output: { recipients: [i.to], broadcast: false } };
      return r;
    },
  },
});
export const { info, run } = m;
export default m;
