// Extends the maximum age by the leeway (as some JWT libraries do).
import { checkClaims } from '../../../reference/certbinding/idtoken.ts';
import { mutant } from '../mutant.ts';
import { verifyWith } from './_idtoken-variants.ts';

const m = mutant('idtoken-max-age-with-leeway', {
  bug: 'maximum age extended by the leeway',
  breaks: 'IDT-13',
  mustFail: ['idtoken.claims.too-old-leeway-no-help'],
  ops: {
    'idtoken.verify': (i) =>
      verifyWith(i, { claims: (c, a) => checkClaims(c, { ...a, ...(a.maxAge !== undefined ? { maxAge: a.maxAge + (a.leeway ?? 60) } : {}) }) }),
  },
});
export const { info, run } = m;
export default m;
