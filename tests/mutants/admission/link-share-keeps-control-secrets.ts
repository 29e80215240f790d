// Shares a link with its control secrets (strips only gt).
import { mutant, ok } from './_lib.ts';

const m = mutant('link-share-keeps-control-secrets', {
  bug: 'a shared copy keeps mk, sk and st: every invitee can summon the agent and read its memory',
  breaks: 'LINK-11',
  mustFail: ['admissionlink.share.strips-control-secrets', 'admissionlink.share.strips-query-too'],
  ops: {
    'link.share': (i) => {
      try {
        const u = new URL(String(i.url));
        const q = u.hash.indexOf('?');
        if (q >= 0) {
          const p = new URLSearchParams(u.hash.slice(q + 1));
          p.delete('gt');
          const rest = p.toString();
          u.hash = `${u.hash.slice(1, q)}${rest ? `?${rest}` : ''}`;
        }
        return ok({ url: u.toString() });
      } catch {
        return ok({ url: String(i.url) });
      }
    },
  },
});
export const { info, run } = m;
export default m;
