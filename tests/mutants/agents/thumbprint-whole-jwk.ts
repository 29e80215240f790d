// The thumbprint hashes the JWK as given instead of {crv, kty, x, y}.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../../../reference/encoding/base64url.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('thumbprint-whole-jwk', {
  bug: 'the thumbprint is taken over every member of the JWK, in its order',
  breaks: 'AGT-10',
  mustFail: ['agents.thumbprint.extra-members', 'agents.thumbprint.member-order', 'prop.agents.thumbprint.matches-model'],
  ops: {
    'agent.thumbprint': async (i) => {
      const r = await reference('agent.thumbprint', i);
      if (!('ok' in r) || !r.ok) return r;
      return { ok: true, output: { thumbprint: encodeBase64url(sha256(utf8(JSON.stringify(i.jwk)))) } };
    },
  },
});
export const { info, run } = m;
export default m;
