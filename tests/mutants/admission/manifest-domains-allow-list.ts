// Accepts a manifest whose only allow-list is its domains.
import { mutant, ok, runOp } from './_lib.ts';
import { decodeBase64url } from '../../../reference/encoding/base64url.ts';

const m = mutant('manifest-domains-allow-list', {
  bug: 'domains alone count as an allow-list',
  breaks: 'MAN-02',
  mustFail: ['admission.manifest-reject.domains-only'],
  ops: {
    'manifest.verify': async (i) => {
      const r = await runOp('manifest.verify', i);
      if (!('ok' in r) || r.ok || r.error.code !== 'manifest.no-members' || typeof i.token !== 'string') return r;
      const b = decodeBase64url(i.token.split('.')[0]!);
      const payload = b.ok ? (JSON.parse(new TextDecoder().decode(b.value)) as { domains?: unknown[] }) : {};
      return Array.isArray(payload.domains) && payload.domains.length ? ok({ manifest: payload as never }) : r;
    },
  },
});
export const { info, run } = m;
export default m;
