// Matches cleartext members even when the manifest commits a hashed roster.
import { mutant, ok, runOp } from './_lib.ts';

const m = mutant('manifest-cleartext-with-mh', {
  bug: 'with mh present, cleartext members still admit (the revealed rows become a second allow-list)',
  breaks: 'MAN-06',
  mustFail: ['admission.admits.hash-only-cleartext-ignored', 'prop.admission.manifest.hashed-admits-exactly-listed'],
  ops: {
    'manifest.admits': async (i) => {
      const full = await runOp('manifest.admits', i);
      if (!('ok' in full) || !full.ok || full.output.allowed) return full;
      const clear = await runOp('manifest.admits', { ...i, manifest: { ...(i.manifest as object), mh: [] } });
      return 'ok' in clear && clear.ok ? ok({ allowed: clear.output.allowed! }) : full;
    },
  },
});
export const { info, run } = m;
export default m;
