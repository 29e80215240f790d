// Lets the header choose: alg "none" means "no signature to check" (the classic JWT bug).
import { checkHeader, checkSignature } from '../../../reference/certbinding/idtoken.ts';
import { ok } from '../../../reference/result.ts';
import { mutant } from '../mutant.ts';
import { verifyWith } from './_idtoken-variants.ts';

const m = mutant('idtoken-alg-not-pinned', {
  bug: 'algorithm taken from the token header (alg none accepted)',
  breaks: 'IDT-03',
  mustFail: ['idtoken.algorithm.alg-none', 'prop.idtoken.alg-pinned'],
  ops: {
    'idtoken.verify': (i) =>
      verifyWith(i, {
        header: (h) => (h.alg === 'none' ? ok(true) : checkHeader(h)),
        signature: async (jwt, jwks) => (jwt.header.alg === 'none' ? ok(true) : checkSignature(jwt, jwks)),
      }),
  },
});
export const { info, run } = m;
export default m;
