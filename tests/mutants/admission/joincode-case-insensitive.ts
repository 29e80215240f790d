// Compares join codes without regard to case.
import { mutant, runOp } from './_lib.ts';

const m = mutant('joincode-case-insensitive', {
  bug: 'codes match case-insensitively (k7p-q2m opens K7P-Q2M)',
  breaks: 'CODE-02',
  mustFail: ['admissiongate.match.case-sensitive'],
  ops: {
    'joincode.match': async (i) => {
      const ref = await runOp('joincode.match', i); // shape errors as the reference
      if (!('ok' in ref) || !ref.ok) return ref;
      return runOp('joincode.match', { code: String(i.code).toUpperCase(), entries: (i.entries as { name: string; code: string }[]).map((e) => ({ name: e.name, code: e.code.toUpperCase() })) });
    },
  },
});
export const { info, run } = m;
export default m;
