// Canonicalises identities with trim and lower-case only: no NFKC.
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64url } from '../../../reference/encoding/base64url.ts';
import { utf8 } from '../../../reference/encoding/text.ts';
import { mapOutput, mutant, ok } from './_lib.ts';

const plain = (id: string) => id.trim().toLowerCase();
const m = mutant('member-hash-no-nfkc', {
  bug: 'identities are trimmed and lower-cased but not NFKC-normalised',
  breaks: 'MAN-04',
  mustFail: ['admission.member-hash.nfkc-decomposed', 'admission.admits.nfkc-decomposed', 'prop.admission.member-hash.model'],
  ops: {
    'member.hash': (i) => ok({ hash: encodeBase64url(sha256(utf8(`${plain(String(i.identity))}|${String(i.room)}`))) }),
    'manifest.admits': async (i) => {
      const m = i.manifest as { members?: string[]; mh?: string[] };
      const ref = await mapOutput('manifest.admits', i, (o) => o);
      if (!('ok' in ref) || !ref.ok || m.mh?.length) return ref; // shape errors and hashed rosters as the reference
      const id = String(i.identity);
      return ok({ allowed: id !== '' && (m.members ?? []).some((x) => plain(x) === plain(id)) });
    },
  },
});
export const { info, run } = m;
export default m;
