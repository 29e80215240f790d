// Caches a peer's verdict by token only: a new certificate on the data connection is not re-checked.
import { mutant, ok, runOp } from './_lib.ts';

const m = mutant('idtoken-cache-ignores-cert', {
  bug: 'the verified identity is cached per token, so a connection re-established with another certificate keeps the old badge',
  breaks: 'RGATE-09',
  mustFail: ['admissiongate.exchange.cert-changed'],
  ops: {
    'idtoken.exchange': async (i) => {
      // Rewrites every link event after a verdict back to the fingerprint that verdict was for.
      const verdictFp = new Map<string, string>();
      const steps = (i.steps as { type: string; peer?: string; fp?: string | null }[]).map((s) => {
        if (s.type === 'verified' && s.peer && s.fp) verdictFp.set(s.peer, s.fp);
        if (s.type === 'link' && s.peer && verdictFp.has(s.peer)) return { ...s, fp: verdictFp.get(s.peer)! };
        return s;
      });
      const r = await runOp('idtoken.exchange', { ...i, steps: steps as never });
      return 'ok' in r && r.ok ? ok(r.output) : r;
    },
  },
});
export const { info, run } = m;
export default m;
