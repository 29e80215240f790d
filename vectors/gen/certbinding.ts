import { nonceInput } from '../../reference/certbinding/nonce.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { certDer, type Case, type FileSpec } from './lib.ts';

const GOLDEN_FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const ALICE_FP = fingerprintOfBytes(certDer('alice'));

const nonce = (name: string, description: string, fp: string, salt: string | undefined, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'certbinding.nonce', covers, flags,
  input: salt === undefined ? { fp } : { fp, salt },
  intermediates: { hashedString: nonceInput(fp, salt) },
});
const canon = (name: string, description: string, fp: string, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'fingerprint.canonical', input: { fp }, covers, flags,
});

export const certbindingVectors: FileSpec = {
  file: 'certbinding',
  title: 'Fingerprint canonicalisation and the cert-binding nonce',
  profile: 'crypto',
  chapters: ['spec/05-cert-binding.md', 'spec/01-conventions.md'],
  notes: {
    'upstream-golden': { bugType: 'UPSTREAM_GOLDEN', description: 'Frozen in upstream Kibitz conformance tests.' },
    'ecma-trim': { bugType: 'INTEROP', description: 'Trim removes exactly the ECMAScript whitespace set: U+FEFF and U+00A0 go, U+0085 and U+001F stay (Python strip() differs).' },
    'no-prefix-strip': { bugType: 'ENCODING', description: 'An algorithm prefix is part of the string; stripping it changes the nonce.' },
    'empty-salt': { bugType: 'EDGE_CASE', description: 'An empty salt is the unsalted nonce: no "|" is appended.' },
    'peer-id-as-salt': { bugType: 'ENCODING', description: 'The kbz-v1- peer id is not the salt.' },
    'unicode-case': { bugType: 'INTEROP', description: 'Full Unicode lower-casing.' },
    'unescaped-join': { bugType: 'EDGE_CASE', description: 'The salt is appended after "|" without escaping.' },
  },
  groups: [
    {
      name: 'canonical',
      description: 'fingerprint.canonical: trim then lower-case, nothing else [CONV-08], [CONV-09], [CONV-11]',
      cases: [
        canon('upper-to-lower', 'Upper-case hex is lower-cased', GOLDEN_FP, ['CONV-11'], ['upstream-golden']),
        canon('already-canonical', 'Canonicalisation is idempotent', ALICE_FP, ['CONV-11', 'CONV-10']),
        canon('surrounding-ascii-space', 'Spaces, tabs and newlines around are trimmed', ` \t${GOLDEN_FP}\r\n`, ['CONV-11', 'CONV-08']),
        canon('feff-nbsp-trimmed', 'U+FEFF and U+00A0 are in the trim set', `\uFEFF\u00A0${GOLDEN_FP}\u3000`, ['CONV-08'], ['ecma-trim']),
        canon('nel-kept', 'U+0085 is not trimmed', `${GOLDEN_FP}\u0085`, ['CONV-08'], ['ecma-trim']),
        canon('unit-separator-kept', 'U+001F is not trimmed', `\u001F${GOLDEN_FP}`, ['CONV-08'], ['ecma-trim']),
        canon('mongolian-vowel-separator-kept', 'U+180E is not trimmed', `${GOLDEN_FP}\u180E`, ['CONV-08'], ['ecma-trim']),
        canon('inner-space-kept', 'Whitespace inside is kept', 'AB CD:EF', ['CONV-11']),
        canon('prefix-kept', 'An algorithm prefix is kept', `sha-256 ${GOLDEN_FP}`, ['CONV-11'], ['no-prefix-strip']),
        canon('kelvin', 'Full Unicode lower-casing', 'AB:\u212A', ['CONV-09'], ['unicode-case']),
      ],
    },
    {
      name: 'nonce',
      description: 'certbinding.nonce [BIND-01..BIND-03]',
      cases: [
        nonce('golden', 'Upstream golden value: upper-case fingerprint, salt room-salt', GOLDEN_FP, 'room-salt', ['BIND-01'], ['upstream-golden']),
        nonce('golden-lowercase', 'The same fingerprint in lower case gives the same nonce', GOLDEN_FP.toLowerCase(), 'room-salt', ['BIND-01', 'CONV-11'], ['upstream-golden']),
        nonce('golden-whitespace', 'Surrounding whitespace does not change the nonce', `  ${GOLDEN_FP}\n`, 'room-salt', ['BIND-01', 'CONV-11']),
        nonce('real-cert-room', 'A real certificate fingerprint salted with a room id', ALICE_FP, 'standup', ['BIND-01', 'BIND-02']),
        nonce('peer-id-salt', 'Salting with the peer id gives another nonce (never do this)', ALICE_FP, 'kbz-v1-standup', ['BIND-02'], ['peer-id-as-salt']),
        nonce('unsalted', 'No salt: the hash of the canonical fingerprint alone', ALICE_FP, undefined, ['BIND-01', 'BIND-03'], ['empty-salt']),
        nonce('empty-salt', 'An empty salt equals no salt', ALICE_FP, '', ['BIND-03'], ['empty-salt']),
        { name: 'null-salt', description: 'A null salt equals no salt', op: 'certbinding.nonce', input: { fp: ALICE_FP, salt: null }, covers: ['BIND-03'], flags: ['empty-salt'] },
        nonce('prefix-not-stripped', 'An algorithm prefix changes the nonce', `sha-256 ${ALICE_FP}`, 'standup', ['CONV-11'], ['no-prefix-strip']),
        nonce('feff-trimmed', 'A trailing U+FEFF is trimmed before hashing', `${ALICE_FP}\uFEFF`, 'standup', ['CONV-08'], ['ecma-trim']),
        nonce('nel-not-trimmed', 'A trailing U+0085 is hashed', `${ALICE_FP}\u0085`, 'standup', ['CONV-08'], ['ecma-trim']),
        nonce('salt-with-pipe', 'A salt containing "|" is appended as is', ALICE_FP, 'a|b', ['BIND-01'], ['unescaped-join']),
        nonce('pipe-ambiguity-left', 'Outside the allowed inputs the join is ambiguous: fingerprint "x|y" with salt "z" ...', 'x|y', 'z', ['BIND-01'], ['unescaped-join']),
        nonce('pipe-ambiguity-right', '... hashes the same string, so gives the same nonce, as fingerprint "x" with salt "y|z"', 'x', 'y|z', ['BIND-01'], ['unescaped-join']),
        nonce('non-ascii-salt', 'The salt is hashed as UTF-8', ALICE_FP, 'caf\u00e9', ['BIND-01', 'CONV-01']),
        nonce('empty-fingerprint', 'The derivation is total; an empty fingerprint still hashes', '', 'standup', ['BIND-01']),
        nonce('salt-case-sensitive', 'The salt is not lower-cased', ALICE_FP, 'Standup', ['BIND-01']),
      ],
    },
  ],
};
