// Emits and expects DER-encoded ECDSA signatures instead of 64-byte r||s.
import { mutant } from '../mutant.ts';
import { signVariant, verifyVariant } from './_token-variants.ts';

const m = mutant('token-der-signature', {
  bug: 'DER signatures instead of r||s',
  breaks: 'TOK-03',
  mustFail: ['token.valid.basic', 'token.valid.sign-basic', 'token.signature.der', 'prop.token.sign-then-verify'],
  ops: {
    'token.sign': (i) => signVariant(i, { der: true }),
    'token.verify': (i) => verifyVariant(i, { der: true }),
  },
});
export const { info, run } = m;
export default m;
