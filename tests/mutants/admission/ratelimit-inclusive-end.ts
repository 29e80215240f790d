// Keeps a connection locked out at the very millisecond its lock-out ends.
import { mutant, runOp } from './_lib.ts';

const m = mutant('ratelimit-inclusive-end', {
  bug: 'locked while lockedUntil >= now instead of lockedUntil > now',
  breaks: 'CODE-03',
  mustFail: ['admissiongate.limiter.ends-exactly', 'prop.admission.ratelimit.model'],
  ops: {
    'ratelimit.run': async (i) => {
      const steps = (i.steps as { at: number; key: string; op: string }[]).map((s) => (s.op === 'check' ? { ...s, at: s.at - 1 } : s));
      const r = await runOp('ratelimit.run', { ...i, steps });
      if (!('ok' in r) || !r.ok) return r;
      const results = (r.output.results as { step: number; allowed: boolean; retryInMs: number }[]).map((x) => (x.allowed ? x : { ...x, retryInMs: x.retryInMs - 1 }));
      return { ok: true, output: { results } };
    },
  },
});
export const { info, run } = m;
export default m;
