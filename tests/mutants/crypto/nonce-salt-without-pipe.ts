// Appends the salt directly to the fingerprint, without the "|" separator.
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalFingerprint } from '../../../reference/certbinding/fingerprint.ts';
import { encodeBase64url } from '../../../reference/encoding/base64url.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mutant } from '../mutant.ts';

const m = mutant('nonce-salt-without-pipe', {
  bug: 'cert-binding nonce input joins fingerprint and salt without "|"',
  breaks: 'BIND-01',
  mustFail: ['certbinding.nonce.golden', 'certbinding.nonce.real-cert-room', 'prop.certbinding.nonce.matches-reference'],
  ops: {
    'certbinding.nonce': (i) => ({ ok: true, output: { nonce: encodeBase64url(sha256(utf8(canonicalFingerprint(String(i.fp)) + String(i.salt ?? '')))) } }),
  },
});
export const { info, run } = m;
export default m;
