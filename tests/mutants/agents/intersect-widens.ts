// The intersection of act capabilities is computed as their union.
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('intersect-widens', {
  bug: 'act capabilities are united instead of intersected',
  breaks: 'GRANT-06',
  mustFail: ['agentcaps.intersect.subset', 'prop.agents.intersect.never-widens'],
  ops: {
    'caps.intersect': async (i) => {
      const r = await reference('caps.intersect', i);
      if (!('ok' in r) || !r.ok) return r;
      const req = i.request as JsonObject;
      const all = i.allowed as JsonObject;
      const act = [...new Set([...(req.act as string[]), ...(all.act as string[])])];
      return { ok: true, output: { grant: { ...(r.output.grant as JsonObject), act } } };
    },
  },
});
export const { info, run } = m;
export default m;
