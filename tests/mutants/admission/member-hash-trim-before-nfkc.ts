// Canonicalises identities in the wrong order: trim, then NFKC, then lower-case.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../../../reference/encoding/base64url.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mutant, ok } from './_lib.ts';

const wrong = (id: string) => id.trim().normalize('NFKC').toLowerCase();
const m = mutant('member-hash-trim-before-nfkc', {
  bug: 'trim before NFKC, so a leading U+00A8 keeps the space NFKC makes of it',
  breaks: 'MAN-04',
  mustFail: ['admission.member-hash.order-diaeresis', 'prop.admission.member-hash.model'],
  ops: { 'member.hash': (i) => ok({ hash: encodeBase64url(sha256(utf8(`${wrong(String(i.identity))}|${String(i.room)}`))) }) },
});
export const { info, run } = m;
export default m;
