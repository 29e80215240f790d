// Rejects high-S signatures (the default of many ECDSA libraries), which WebCrypto peers produce.
import { mutant } from '../mutant.ts';
import { verifyVariant } from './_token-variants.ts';

const m = mutant('token-low-s-only', {
  bug: 'verifier enforces low-S',
  breaks: 'TOK-08',
  mustFail: ['token.valid.high-s'],
  ops: { 'token.verify': (i) => verifyVariant(i, { lowSOnly: true }) },
});
export const { info, run } = m;
export default m;
