// Stops at the first matching entry (an early exit), so the first of two equal codes answers.
import { mutant, ok, runOp } from './_lib.ts';

const m = mutant('joincode-first-match', {
  bug: 'matching stops at the first hit: not every entry is compared, and the first match answers',
  breaks: 'CODE-02',
  mustFail: ['admissiongate.match.last-wins', 'prop.admission.joincode.match-model'],
  ops: {
    'joincode.match': async (i) => {
      const ref = await runOp('joincode.match', i); // shape errors as the reference
      if (!('ok' in ref) || !ref.ok) return ref;
      const s = String(i.code).trim();
      const hit = s ? (i.entries as { name: string; code: string }[]).find((e) => e.code.trim() !== '' && e.code.trim() === s) : undefined;
      return ok({ name: hit?.name ?? null });
    },
  },
});
export const { info, run } = m;
export default m;
