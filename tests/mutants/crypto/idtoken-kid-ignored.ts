// Tries every published key even when the header names a kid.
import { checkSignature } from '../../../reference/certbinding/idtoken.ts';
import { mutant } from '../mutant.ts';
import { verifyWith } from './_idtoken-variants.ts';

const m = mutant('idtoken-kid-ignored', {
  bug: 'kid ignored during key selection',
  breaks: 'IDT-06',
  mustFail: ['idtoken.keys.kid-selects-wrong-key', 'idtoken.keys.kid-unknown'],
  ops: { 'idtoken.verify': (i) => verifyWith(i, { signature: (jwt, jwks) => checkSignature({ ...jwt, header: { ...jwt.header, kid: null } }, jwks) }) },
});
export const { info, run } = m;
export default m;
