// Vectors for sealed secrets (spec/12-admission.md 12.4): the blob layout, PBKDF2 iterations by
// version, NFKC passphrases, every failure step, and the sealed host key. Blobs for `seal.open`
// are made here with node:crypto, independently of the reference's WebCrypto code, so the two
// must agree byte for byte. PBKDF2 runs at the real iteration counts; vectors that reach the KDF
// are kept few, and most of them use version 1 (210 000 iterations, a third of version 2's cost).
import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { encodeBase64url } from '../../reference/encoding/base64url.ts';
import { bodyOf, tokenFor } from './craft.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';

const ITERATIONS: Record<number, number> = { 1: 210_000, 2: 600_000 };
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i + 1); // 01..10
const IV = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i); // a0..ab
const b64u = (b: Uint8Array): string => encodeBase64url(b);
const padded = (text: string): string => {
  if (text.length % 4 === 0) throw new Error('this blob needs no padding; pick another length');
  return text + '='.repeat(4 - (text.length % 4));
};

/** A blob sealed with node:crypto: version || salt || iv || ciphertext || tag. */
function nodeSeal(passphrase: string, plaintext: Uint8Array | string, version = 1, opts: { kdfVersion?: number; salt?: Uint8Array; iv?: Uint8Array } = {}): Uint8Array {
  const salt = opts.salt ?? SALT;
  const iv = opts.iv ?? IV;
  const key = pbkdf2Sync(Buffer.from(passphrase.normalize('NFKC'), 'utf8'), salt, ITERATIONS[opts.kdfVersion ?? version]!, 32, 'sha256');
  const c = createCipheriv('aes-256-gcm', key, iv);
  const pt = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  const ct = Buffer.concat([c.update(pt), c.final()]);
  return Uint8Array.from(Buffer.concat([Buffer.from([version]), salt, iv, ct, c.getAuthTag()]));
}

const host = ecKey('presence host');
const creator = ecKey('room creator');
const stranger = ecKey('stranger');
const NOW = 1_700_000_000;
const GROUP = 'our-game-night';
/** The blob of a manifest token sealed under the group passphrase (version 1, node:crypto). */
const manifestToken = (over: Record<string, unknown>, signer = creator.secret): string =>
  b64u(nodeSeal(GROUP, tokenFor(signer, bodyOf(JSON.stringify({ members: ['alice@acme.com'], mode: 'google', room: 'standup', exp: NOW + 3600, ...over }))), 1));
const manifestCase = (name: string, description: string, blob: string, covers: string[], o: { flags?: string[]; error?: string; passphrase?: string } = {}): Case => ({
  name, description, op: 'manifest.unseal', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { passphrase: o.passphrase ?? GROUP, blob, creatorPublicJwk: creator.pub as never, room: 'standup', now: NOW, mode: 'google' },
});
const PW = 'correct horse battery staple';
const v1 = nodeSeal(PW, 'the manifest token', 1);
const flip = (b: Uint8Array, i: number): Uint8Array => {
  const c = Uint8Array.from(b);
  c[(i + c.length) % c.length]! ^= 0x01;
  return c;
};
const withVersion = (b: Uint8Array, v: number): Uint8Array => {
  const c = Uint8Array.from(b);
  c[0] = v;
  return c;
};

const sealCase = (name: string, description: string, input: JsonObject, covers: string[], o: { flags?: string[]; error?: string; comment?: string } = {}): Case => ({
  name, description, op: 'seal.seal', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}),
  input: { passphrase: PW, plaintext: 'the manifest token', version: 2, salt: b64u(SALT), iv: b64u(IV), ...input },
});
const openCase = (name: string, description: string, blob: string, covers: string[], o: { flags?: string[]; error?: string; passphrase?: string; comment?: string } = {}): Case => ({
  name, description, op: 'seal.open', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}),
  input: { passphrase: o.passphrase ?? PW, blob },
});
const unseal = (name: string, description: string, blob: string, covers: string[], o: { flags?: string[]; error?: string; password?: string } = {}): Case => ({
  name, description, op: 'hostkey.unseal', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { password: o.password ?? PW, blob },
});

export const admissionSealVectors: FileSpec = {
  file: 'admissionseal',
  title: 'Admission: passphrase-sealed secrets (sealed manifest ge, sealed host key ghk)',
  profile: 'admission',
  chapters: ['spec/12-admission.md'],
  notes: {
    'kdf-version': { bugType: 'WRONG_PRIMITIVE', description: 'The iteration count must follow the blob\'s version byte: 210 000 for 1, 600 000 for 2.' },
    'nfkc-passphrase': { bugType: 'ENCODING', description: 'The passphrase is NFKC-normalised, and nothing else (no trim, no case folding).' },
    'boundary': { bugType: 'BOUNDARY', description: 'The shortest blob (45 bytes, an empty plaintext) and one byte less.' },
    'tamper': { bugType: 'AUTH_BYPASS', description: 'Any altered byte, a truncated blob or a relabelled version must fail the GCM tag.' },
    'fail-closed': { bugType: 'MISSING_STEP', description: 'Every failure yields nothing, with the code of its step.' },
    'lenient-utf8': { bugType: 'INTEROP', description: 'The opened bytes are decoded like upstream\'s TextDecoder: BOM removed, invalid sequences as U+FFFD.' },
    'cross-impl': { bugType: 'INTEROP', description: 'A blob made with another crypto library (node:crypto) opens byte for byte.' },
  },
  groups: [
    {
      name: 'seal',
      description: 'seal.seal with injected salt and IV: the exact blob [SEAL-01..SEAL-04]',
      cases: [
        sealCase('v2', 'A version 2 seal (600 000 iterations)', {}, ['SEAL-01', 'SEAL-02', 'SEAL-03', 'SEAL-04'], { flags: ['kdf-version'], comment: `Equals node:crypto's blob ${b64u(nodeSeal(PW, 'the manifest token', 2))}` }),
        sealCase('v1', 'A version 1 seal (210 000 iterations), still producible for old readers', { version: 1 }, ['SEAL-01', 'SEAL-02'], { flags: ['kdf-version'] }),
        sealCase('nfkc', 'The passphrase is sealed NFKC-normalised: U+FB01 "ﬁ" keys like "fi"', { version: 1, passphrase: 'ﬁsh and chips' }, ['SEAL-02'], { flags: ['nfkc-passphrase'], comment: `Equals the seal under "fish and chips": ${b64u(nodeSeal('fish and chips', 'the manifest token', 1))}` }),
        sealCase('unknown-version', 'Version 3 does not exist', { version: 3 }, ['SEAL-05'], { error: 'seal.unknown-version' }),
        sealCase('salt-length', 'A 15-byte salt', { salt: b64u(SALT.slice(1)) }, ['SEAL-01', 'ADP-08'], { error: 'input.invalid' }),
        sealCase('iv-length', 'A 16-byte IV', { iv: b64u(Uint8Array.from({ length: 16 })) }, ['SEAL-03', 'ADP-08'], { error: 'input.invalid' }),
      ],
    },
    {
      name: 'open',
      description: 'seal.open: blobs made with node:crypto, every step of [SEAL-05], [SEAL-06]',
      cases: [
        openCase('v1', 'A version 1 blob opens', b64u(v1), ['SEAL-05', 'SEAL-02'], { flags: ['kdf-version', 'cross-impl'] }),
        openCase('v2', 'A version 2 blob opens', b64u(nodeSeal(PW, 'sealed at v2', 2)), ['SEAL-05', 'SEAL-02'], { flags: ['kdf-version', 'cross-impl'] }),
        openCase('nfkc-decomposed', 'Sealed under "José" (composed), opened with "Jose\\u0301" (decomposed)', b64u(nodeSeal('Jos\u00e9 2024', 'é', 1)), ['SEAL-02'], { passphrase: 'Jose\u0301 2024', flags: ['nfkc-passphrase', 'cross-impl'] }),
        openCase('empty-plaintext', 'The shortest blob: 45 bytes, an empty plaintext', b64u(nodeSeal(PW, '', 1)), ['SEAL-05'], { flags: ['boundary', 'cross-impl'] }),
        openCase('bom-removed', 'A leading byte-order mark in the plaintext is removed', b64u(nodeSeal(PW, Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]), 1)), ['SEAL-05'], { flags: ['lenient-utf8'] }),
        openCase('invalid-utf8', 'Invalid UTF-8 in the plaintext becomes U+FFFD', b64u(nodeSeal(PW, Uint8Array.from([0x68, 0xff, 0x69]), 1)), ['SEAL-05'], { flags: ['lenient-utf8'] }),
        openCase('padded-blob', 'A blob written with "=" padding still decodes (CONV-05)', padded(b64u(nodeSeal(PW, 'x', 1))), ['SEAL-05', 'CONV-05'], { comment: 'A 46-byte blob: its base64url text ends in "==".' }),
        openCase('not-base64url', 'A blob that is not base64url', '!!not base64!!', ['SEAL-05'], { flags: ['fail-closed'], error: 'seal.bad-encoding' }),
        openCase('length-1-mod-4', 'Base64url of impossible length', 'AAAAA', ['SEAL-05', 'CONV-06'], { flags: ['fail-closed'], error: 'seal.bad-encoding' }),
        openCase('too-short', '44 bytes: one less than the shortest blob', b64u(nodeSeal(PW, '', 1).slice(0, 44)), ['SEAL-05'], { flags: ['boundary', 'fail-closed'], error: 'seal.too-short' }),
        openCase('empty', 'The empty blob', '', ['SEAL-05'], { flags: ['fail-closed'], error: 'seal.too-short' }),
        openCase('version-3', 'An unknown version byte', b64u(withVersion(v1, 3)), ['SEAL-05'], { flags: ['fail-closed'], error: 'seal.unknown-version' }),
        openCase('version-0', 'Version byte 0', b64u(withVersion(v1, 0)), ['SEAL-05'], { flags: ['fail-closed'], error: 'seal.unknown-version' }),
        openCase('order-short-before-version', 'Too short with an unknown version: the length step comes first', b64u(withVersion(v1.slice(0, 30), 9)), ['SEAL-05'], { flags: ['fail-closed'], error: 'seal.too-short' }),
        openCase('wrong-passphrase', 'A wrong passphrase', b64u(v1), ['SEAL-05', 'SEAL-06'], { passphrase: 'correct horse battery stapler', flags: ['fail-closed'], error: 'seal.open-failed' }),
        openCase('not-trimmed', 'The passphrase is not trimmed: a trailing space is a different passphrase', b64u(v1), ['SEAL-02', 'SEAL-06'], { passphrase: `${PW} `, flags: ['nfkc-passphrase', 'fail-closed'], error: 'seal.open-failed' }),
        openCase('not-case-folded', 'The passphrase is case-sensitive', b64u(v1), ['SEAL-02', 'SEAL-06'], { passphrase: PW.toUpperCase(), flags: ['nfkc-passphrase', 'fail-closed'], error: 'seal.open-failed' }),
        openCase('tampered-tag', 'The last byte of the tag flipped', b64u(flip(v1, -1)), ['SEAL-03', 'SEAL-06'], { flags: ['tamper'], error: 'seal.open-failed' }),
        openCase('tampered-ciphertext', 'A ciphertext byte flipped', b64u(flip(v1, 29)), ['SEAL-03', 'SEAL-06'], { flags: ['tamper'], error: 'seal.open-failed' }),
        openCase('truncated', 'The last byte removed (still long enough)', b64u(v1.slice(0, -1)), ['SEAL-05', 'SEAL-06'], { flags: ['tamper'], error: 'seal.open-failed' }),
        openCase('version-relabelled', 'A version 2 blob relabelled as version 1: the key differs and the tag fails', b64u(withVersion(nodeSeal(PW, 'x', 2), 1)), ['SEAL-02', 'SEAL-06'], { flags: ['tamper', 'kdf-version'], error: 'seal.open-failed' }),
        openCase('iterations-by-version', 'A version 1 blob sealed with 600 000 iterations does not open: the version byte decides', b64u(nodeSeal(PW, 'x', 1, { kdfVersion: 2 })), ['SEAL-02'], { flags: ['kdf-version'], error: 'seal.open-failed' }),
      ],
    },
    {
      name: 'sealed-manifest',
      description: 'manifest.unseal: an opened ge is still verified as a manifest [SEAL-08]',
      cases: [
        manifestCase('valid', 'A sealed, validly signed manifest opens and verifies', manifestToken({}), ['SEAL-08', 'MAN-02'], { flags: ['cross-impl'] }),
        manifestCase('forged-inside', 'The passphrase is right but the manifest inside is signed by another key', manifestToken({}, stranger.secret), ['SEAL-08'], { flags: ['fail-closed'], error: 'token.bad-signature' }),
        manifestCase('expired-inside', 'The manifest inside has expired', manifestToken({ exp: NOW }), ['SEAL-08', 'MAN-03'], { flags: ['fail-closed'], error: 'manifest.expired' }),
        manifestCase('wrong-passphrase', 'A wrong group passphrase', manifestToken({}), ['SEAL-08', 'SEAL-06'], { passphrase: 'our game night', flags: ['fail-closed'], error: 'seal.open-failed' }),
      ],
    },
    {
      name: 'host-key',
      description: 'hostkey.unseal: ghk is the seal of the host private JWK [SEAL-07]',
      cases: [
        unseal('valid', 'The host private key unseals', b64u(nodeSeal(PW, JSON.stringify(host.priv), 1)), ['SEAL-07'], { flags: ['cross-impl'] }),
        unseal('wrong-password', 'A wrong host password', b64u(nodeSeal(PW, JSON.stringify(host.priv), 1)), ['SEAL-07', 'SEAL-06'], { password: 'guess', flags: ['fail-closed'], error: 'seal.open-failed' }),
        unseal('not-json', 'The sealed text is not JSON', b64u(nodeSeal(PW, 'not a key', 1)), ['SEAL-07'], { error: 'hostkey.bad-key' }),
        unseal('public-only', 'The sealed JWK has no d', b64u(nodeSeal(PW, JSON.stringify(host.pub), 1)), ['SEAL-07'], { error: 'hostkey.bad-key' }),
      ],
    },
  ],
};
