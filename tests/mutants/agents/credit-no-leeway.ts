// Credit expiry is checked without the 60 s leeway.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('credit-no-leeway', {
  bug: 'credits expire at exp instead of exp + 60',
  breaks: 'CRED-02',
  mustFail: ['agents.credit-valid.exp-within-leeway', 'agents.credit-valid.nbf-at-leeway'],
  ops: { 'credit.verify': (i) => reference('credit.verify', i.leeway === undefined || i.leeway === null ? { ...i, leeway: 0 } : i) },
});
export const { info, run } = m;
export default m;
