// Keeps a cleartext gm beside a sealed ge.
import { mapOutput, mutant } from './_lib.ts';

const m = mutant('link-cleartext-beside-sealed', {
  bug: 'gm is read even when ge is present: a crafted link slips a fake cleartext roster beside the sealed one',
  breaks: 'LINK-09',
  mustFail: ['admissionlink.parse.sealed-wins'],
  ops: {
    'link.parse': (i) =>
      mapOutput('link.parse', i, (o) => {
        const params = { ...(o.params as Record<string, unknown>) };
        const gm = /[?&]gm=([^&]*)/.exec(String(i.url))?.[1];
        if (params.ge && gm) params.gm = decodeURIComponent(gm);
        return { ...o, params: params as never };
      }),
  },
});
export const { info, run } = m;
export default m;
