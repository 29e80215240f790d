// Signs and verifies over the JSON bytes instead of the ASCII of the base64url body text.
import { mutant } from '../mutant.ts';
import { signVariant, verifyVariant } from './_token-variants.ts';

const m = mutant('token-signs-json-bytes', {
  bug: 'signature over the JSON bytes, not the body text',
  breaks: 'TOK-02',
  mustFail: ['token.valid.basic', 'token.valid.sign-basic', 'token.signature.over-json-bytes', 'prop.token.sign-then-verify', 'prop.token.verify-reference-tokens'],
  ops: {
    'token.sign': (i) => signVariant(i, { overJson: true }),
    'token.verify': (i) => verifyVariant(i, { overJson: true }),
  },
});
export const { info, run } = m;
export default m;
