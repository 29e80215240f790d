import { certBindingNonce } from '../../reference/certbinding/nonce.ts';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { b64u } from './craft.ts';
import { es256, hs256WithPublicPem, rs256, seg, unsigned } from './jwt.ts';
import { certDer, ecKey, publicRsaJwk, rsaKeys, rsaWeakKeys, type Case, type FileSpec } from './lib.ts';

const P1 = rsaKeys['provider-1']!;
const WEAK_512 = rsaWeakKeys['provider-512']!;
const WEAK_1024 = rsaWeakKeys['provider-1024']!;
const P2 = rsaKeys['provider-2']!;
const ROGUE = rsaKeys['rogue']!;
const JWKS = { keys: [publicRsaJwk(P1), publicRsaJwk(P2)] };
const ISS = 'https://accounts.google.com';
const AUD = '1234567890-abc.apps.googleusercontent.com';
const NOW = 1_700_000_000;
const ROOM = 'standup';
const ALICE_FP = fingerprintOfBytes(certDer('alice'));
const BOB_FP = fingerprintOfBytes(certDer('bob'));
const HEADER: JsonObject = { alg: 'RS256', kid: P1.kid!, typ: 'JWT' };
const CLAIMS: JsonObject = {
  iss: ISS, azp: AUD, aud: AUD, sub: '110169484474386276334', email: 'alice@example.com', email_verified: true,
  nonce: certBindingNonce(ALICE_FP, ROOM), name: 'Alice', iat: NOW - 100, exp: NOW + 3500,
};

type Opts = { header?: JsonObject; claims?: JsonObject; drop?: string[]; jwt?: string; input?: JsonObject; flags?: string[]; error?: string; signer?: JsonObject };
function claimsWith(over: JsonObject = {}, drop: string[] = []): JsonObject {
  const c: JsonObject = { ...CLAIMS, ...over };
  for (const d of drop) delete c[d];
  return c;
}
function tok(o: Opts): string {
  return o.jwt ?? rs256(o.signer ?? P1, { ...HEADER, ...(o.header ?? {}) }, claimsWith(o.claims, o.drop));
}
const idt = (name: string, description: string, covers: string[], o: Opts = {}): Case => ({
  name, description, op: 'idtoken.verify', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { jwt: tok(o), jwks: JWKS, issuers: [ISS, 'accounts.google.com'], audience: AUD, now: NOW, remoteFp: ALICE_FP, salt: ROOM, ...(o.input ?? {}) },
});

/** A token padded with a filler claim to exactly `length` characters. */
function tokenOfLength(length: number): string {
  for (let fill = 0; fill < 10_000; fill++) {
    const t = rs256(P1, HEADER, claimsWith({ pad: 'x'.repeat(fill) }));
    if (t.length === length) return t;
    if (t.length > length) break;
  }
  // base64 grows in steps of 4 per 3 bytes: adjust with a second filler until it lands exactly.
  for (let a = 0; a < 12_000; a++) {
    for (let b = 0; b < 3; b++) {
      const t = rs256(P1, HEADER, claimsWith({ pad: 'x'.repeat(a), p: 'y'.repeat(b) }));
      if (t.length === length) return t;
    }
  }
  throw new Error(`cannot build a token of ${length} characters`);
}

const host = ecKey('host');

export const idtokenVectors: FileSpec = {
  file: 'idtoken',
  title: 'Cert-bound OIDC ID-token verification, step by step',
  profile: 'crypto',
  chapters: ['spec/05-cert-binding.md'],
  notes: {
    'boundary': { bugType: 'BOUNDARY', description: 'Exactly at, or one second past, a time bound or size cap.' },
    'alg-confusion': { bugType: 'ALG_CONFUSION', description: 'The token names another algorithm; the verifier must pin RS256 and never follow the header.' },
    'kid': { bugType: 'MISSING_STEP', description: 'Key selection by kid and by key metadata.' },
    'forged': { bugType: 'AUTH_BYPASS', description: 'Signed by a key the issuer did not publish, or changed after signing.' },
    'claims': { bugType: 'MISSING_STEP', description: 'A claim check an implementation may skip.' },
    'string-boolean': { bugType: 'INTEROP', description: 'email_verified as the string "true" (some providers) is not the boolean true.' },
    'binding': { bugType: 'AUTH_BYPASS', description: 'A genuine token replayed on another connection, in another room, or without binding.' },
    'check-order': { bugType: 'WRONG_ORDER', description: 'Several checks fail; the first failing step must be reported.' },
    'door-parameters': { bugType: 'BOUNDARY', description: 'The coordinator door uses leeway 30 s and maximum age 3600 s.' },
    'structure': { bugType: 'BASIC', description: 'The three-part JWS structure is wrong.' },
    'weak-key': { bugType: 'MISSING_STEP', description: 'A provider key whose RSA modulus is shorter than 2048 bits (IDT-23); upstream and WebCrypto accept 512 bits.' },
    'crit': { bugType: 'MISSING_STEP', description: 'A crit header member, which RFC 7515 4.1.11 makes a recipient reject when it does not understand the extension (IDT-24).' },
    'azp': { bugType: 'INTEROP', description: 'azp names another client; neither upstream nor this specification checks azp.' },
  },
  groups: [
    {
      name: 'valid',
      description: 'Tokens that verify [IDT-01..IDT-18]',
      cases: [
        idt('basic', 'A genuine, fresh, cert-bound Google-style token', ['IDT-03', 'IDT-07', 'IDT-08', 'IDT-09', 'IDT-10', 'IDT-15', 'IDT-16', 'IDT-17', 'IDT-18', 'BIND-05']),
        idt('second-issuer-form', 'The bare accounts.google.com issuer form is accepted when listed', ['IDT-08'], { claims: { iss: 'accounts.google.com' } }),
        idt('aud-array', 'aud as an array that contains the client id', ['IDT-09'], { claims: { aud: ['other-client', AUD] } }),
        idt('no-kid-tries-all', 'Without kid every candidate key is tried (the second one verifies)', ['IDT-06'], { header: { alg: 'RS256', typ: 'JWT', kid: undefined as never }, signer: P2, flags: ['kid'] }),
        idt('second-key-by-kid', 'kid selects the second published key', ['IDT-06'], { header: { kid: P2.kid! }, signer: P2, flags: ['kid'] }),
        idt('no-typ', 'typ is optional', ['IDT-04'], { header: { typ: undefined as never } }),
        idt('exp-edge', 'One second before exp + leeway', ['IDT-10'], { claims: { exp: NOW - 59 }, flags: ['boundary'] }),
        idt('nbf-edge', 'Exactly nbf - leeway', ['IDT-11'], { claims: { nbf: NOW + 60 }, flags: ['boundary'] }),
        idt('iat-edge', 'iat exactly now + leeway', ['IDT-12'], { claims: { iat: NOW + 60 }, flags: ['boundary'] }),
        idt('max-age-edge', 'Exactly the maximum age', ['IDT-13'], { claims: { iat: NOW - 3600 }, input: { maxAge: 3600 }, flags: ['boundary'] }),
        idt('door-parameters', 'The coordinator door: leeway 30, maximum age 3600', ['IDT-20'], { claims: { iat: NOW - 3600, exp: NOW - 29 }, input: { leeway: 30, maxAge: 3600 }, flags: ['door-parameters', 'boundary'] }),
        idt('remote-fp-uppercase', 'The live fingerprint in upper case binds after canonicalisation', ['BIND-05', 'CONV-11'], { input: { remoteFp: ALICE_FP.toUpperCase() } }),
        idt('unsalted-room', 'A room with an empty room id checks the unsalted nonce', ['BIND-03'], { claims: { nonce: certBindingNonce(ALICE_FP) }, input: { salt: '' } }),
        idt('jwks-key-without-use-alg', 'A JWKS key with neither use nor alg is a candidate', ['IDT-05'], { input: { jwks: { keys: [{ kty: 'RSA', n: P1.n!, e: P1.e!, kid: P1.kid! }] } }, flags: ['kid'] }),
        idt('jwks-use-null', 'A JWKS key with use null and alg "" counts as unrestricted (upstream truthiness)', ['IDT-05'], { input: { jwks: { keys: [{ kty: 'RSA', n: P1.n!, e: P1.e!, kid: P1.kid!, use: null, alg: '' }] } }, flags: ['kid'] }),
        idt('kid-empty-tries-all', 'An empty kid counts as absent: every key is tried', ['IDT-06'], { header: { kid: '' }, signer: P2, flags: ['kid'] }),
        idt('bad-candidate-skipped', 'A candidate that cannot be imported is skipped; the next one verifies', ['IDT-07'], { header: { kid: undefined as never }, input: { jwks: { keys: [{ kty: 'RSA', n: '@@not-base64url', e: 'AQAB' }, publicRsaJwk(P1)] } }, flags: ['kid'] }),
        idt('azp-other-client', 'azp names another client while aud names this one: accepted (azp is not checked)', ['IDT-09'], { claims: { azp: 'other-client.apps.googleusercontent.com' }, flags: ['azp'] }),
        idt('azp-other-aud-array', 'azp names another client and aud is an array that contains this one: accepted', ['IDT-09'], { claims: { azp: 'other-client', aud: ['other-client', AUD] }, flags: ['azp'] }),
        idt('max-age-zero', 'A maximum age of 0 is configured: iat = now passes', ['IDT-13'], { claims: { iat: NOW }, input: { maxAge: 0 }, flags: ['boundary'] }),
        idt('exactly-8192', 'A token of exactly 8192 characters is processed', ['IDT-01'], { jwt: tokenOfLength(8192), flags: ['boundary'] }),
      ],
    },
    {
      name: 'structure',
      description: 'Size and structure [IDT-01], [IDT-02]',
      cases: [
        idt('oversize-8193', 'A token of 8193 characters is refused before parsing', ['IDT-01'], { jwt: tokenOfLength(8193), flags: ['boundary'], error: 'idtoken.oversize' }),
        idt('two-parts', 'Two parts', ['IDT-02'], { jwt: `${seg(HEADER)}.${seg(CLAIMS)}`, flags: ['structure'], error: 'idtoken.malformed' }),
        idt('four-parts', 'Four parts', ['IDT-02'], { jwt: `${rs256(P1, HEADER, CLAIMS)}.x`, flags: ['structure'], error: 'idtoken.malformed' }),
        idt('header-not-json', 'Header is not JSON', ['IDT-02'], { jwt: `${b64u(new TextEncoder().encode('{alg:RS256'))}.${seg(CLAIMS)}.AAAA`, flags: ['structure'], error: 'idtoken.malformed' }),
        idt('claims-array', 'Claims are a JSON array', ['IDT-02'], { jwt: `${seg(HEADER)}.${seg([1, 2])}.AAAA`, flags: ['structure'], error: 'idtoken.malformed' }),
        idt('signature-not-base64url', 'Signature part has a character outside base64url', ['IDT-02'], { jwt: `${seg(HEADER)}.${seg(CLAIMS)}.ab$c`, flags: ['structure'], error: 'idtoken.malformed' }),
        idt('not-a-string', 'jwt is not a string', ['IDT-02'], { jwt: 42 as never, flags: ['structure'], error: 'idtoken.malformed' }),
      ],
    },
    {
      name: 'algorithm',
      description: 'RS256 pinned, never chosen from the header [IDT-03], [IDT-04]',
      cases: [
        idt('alg-none', 'alg none with an empty signature', ['IDT-03'], { jwt: unsigned({ alg: 'none', typ: 'JWT' }, CLAIMS), flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('alg-hs256-public-key', 'HS256 keyed with the provider public key PEM (key confusion)', ['IDT-03'], { jwt: hs256WithPublicPem(P1, { alg: 'HS256', kid: P1.kid!, typ: 'JWT' }, CLAIMS), flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('alg-es256', 'ES256 signed with a P-256 key', ['IDT-03'], { jwt: es256(host.secret, { alg: 'ES256', typ: 'JWT' }, CLAIMS), flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('alg-ps256', 'PS256 header over an RS256 signature', ['IDT-03'], { header: { alg: 'PS256' }, flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('alg-lowercase', 'alg rs256 in lower case', ['IDT-03'], { header: { alg: 'rs256' }, flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('alg-missing', 'No alg member', ['IDT-03'], { header: { alg: undefined as never }, flags: ['alg-confusion'], error: 'idtoken.unsupported-alg' }),
        idt('typ-at-jwt', 'typ at+jwt (an access token)', ['IDT-04'], { header: { typ: 'at+jwt' }, error: 'idtoken.bad-typ' }),
        idt('typ-lowercase', 'typ jwt in lower case', ['IDT-04'], { header: { typ: 'jwt' }, error: 'idtoken.bad-typ' }),
        idt('crit-rejected', 'A crit member naming a registered claim: no extension is understood, so the token is rejected', ['IDT-24'], { header: { crit: ['exp'] }, flags: ['crit'], error: 'idtoken.unsupported-crit' }),
        idt('crit-empty-array', 'An empty crit array is malformed under RFC 7515 and rejected', ['IDT-24'], { header: { crit: [] }, flags: ['crit'], error: 'idtoken.unsupported-crit' }),
        idt('crit-not-array', 'A crit that is a string is rejected', ['IDT-24'], { header: { crit: 'b64' }, flags: ['crit'], error: 'idtoken.unsupported-crit' }),
        idt('crit-null', 'A crit that is null is present, and rejected (null means absent in frames, not in a JOSE header)', ['IDT-24'], { header: { crit: null }, flags: ['crit'], error: 'idtoken.unsupported-crit' }),
        idt('order-typ-before-crit', 'typ wrong and crit present: typ first', ['IDT-18', 'IDT-24'], { header: { typ: 'jwt', crit: ['exp'] }, flags: ['crit', 'check-order'], error: 'idtoken.bad-typ' }),
        idt('order-crit-before-kid', 'crit present and an unknown kid: crit first', ['IDT-18', 'IDT-24'], { header: { crit: ['exp'], kid: 'not-published' }, flags: ['crit', 'check-order'], error: 'idtoken.unsupported-crit' }),
      ],
    },
    {
      name: 'keys',
      description: 'Key selection and signature [IDT-05..IDT-07]',
      cases: [
        idt('kid-unknown', 'kid names no published key', ['IDT-06'], { header: { kid: 'not-published' }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('only-enc-key', 'The only key is for encryption (use enc)', ['IDT-05'], { input: { jwks: { keys: [{ ...publicRsaJwk(P1), use: 'enc' }] } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('enc-key-first', 'A key for encryption listed first is passed over: the search goes on to the signing key', ['IDT-05', 'IDT-06'], { header: { kid: undefined as never }, input: { jwks: { keys: [{ ...publicRsaJwk(P2), use: 'enc' }, publicRsaJwk(P1)] } }, flags: ['kid'] }),
        idt('rs512-key-first', 'A key for RS512 listed first is passed over: the search goes on to the RS256 key', ['IDT-05', 'IDT-06'], { header: { kid: undefined as never }, input: { jwks: { keys: [{ ...publicRsaJwk(P2), alg: 'RS512' }, publicRsaJwk(P1)] } }, flags: ['kid'] }),
        idt('only-rs512-key', 'The only key is for RS512', ['IDT-05'], { input: { jwks: { keys: [{ ...publicRsaJwk(P1), alg: 'RS512' }] } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('only-ec-key', 'The JWKS holds only an EC key', ['IDT-05'], { input: { jwks: { keys: [{ ...host.pub, kid: P1.kid! }] } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('empty-jwks', 'The JWKS holds no keys (fetch failed: fail closed)', ['IDT-05', 'IDT-19'], { input: { jwks: { keys: [] } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('rogue-signer-with-kid', 'Signed by an unpublished key that claims a published kid', ['IDT-07'], { signer: ROGUE, flags: ['forged'], error: 'idtoken.bad-signature' }),
        idt('rogue-signer-no-kid', 'Signed by an unpublished key, no kid: no candidate verifies', ['IDT-06', 'IDT-07'], { signer: ROGUE, header: { kid: undefined as never }, flags: ['forged'], error: 'idtoken.bad-signature' }),
        idt('tampered-claims', 'Claims changed after signing', ['IDT-07'], { jwt: (() => { const [h, , s] = rs256(P1, HEADER, CLAIMS).split('.'); return `${h}.${seg(claimsWith({ email: 'mallory@example.com' }))}.${s}`; })(), flags: ['forged'], error: 'idtoken.bad-signature' }),
        idt('kid-number', 'A numeric kid matches no string kid (no type conversion)', ['IDT-06'], { header: { kid: 5 }, input: { jwks: { keys: [{ ...publicRsaJwk(P1), kid: '5' }] } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('kid-object', 'A kid that is an object matches no candidate', ['IDT-06'], { header: { kid: { id: P1.kid! } }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('jwks-not-object', 'A JWKS that is not an object with a keys array has no candidates', ['IDT-05', 'ADP-08'], { input: { jwks: 'https://idp.example/keys' }, flags: ['kid'], error: 'idtoken.no-key' }),
        idt('kid-selects-wrong-key', 'kid of key 1 but signed with key 2: only key 1 is tried', ['IDT-06'], { signer: P2, flags: ['kid'], error: 'idtoken.bad-signature' }),
        idt('rsa-512-provider-key', 'The provider publishes a 512-bit RSA key and signs with it: the key never verifies', ['IDT-23', 'IDT-07'], { signer: WEAK_512, header: { kid: WEAK_512.kid! }, input: { jwks: { keys: [publicRsaJwk(WEAK_512), publicRsaJwk(P1)] } }, flags: ['weak-key'], error: 'idtoken.bad-signature' }),
        idt('rsa-1024-provider-key', 'A 1024-bit RSA key is below the minimum as well', ['IDT-23'], { signer: WEAK_1024, header: { kid: WEAK_1024.kid! }, input: { jwks: { keys: [publicRsaJwk(WEAK_1024)] } }, flags: ['weak-key'], error: 'idtoken.bad-signature' }),
        idt('rsa-512-without-kid', 'Without kid every candidate is tried; the 512-bit key that signed it still never verifies', ['IDT-23', 'IDT-06'], { signer: WEAK_512, header: { kid: undefined as never }, input: { jwks: { keys: [publicRsaJwk(P1), publicRsaJwk(WEAK_512)] } }, flags: ['weak-key'], error: 'idtoken.bad-signature' }),
        idt('rsa-2048-next-to-weak', 'A weak key in the JWKS does not stop the 2048-bit key from verifying', ['IDT-23', 'IDT-07'], { header: { kid: undefined as never }, input: { jwks: { keys: [publicRsaJwk(WEAK_512), publicRsaJwk(P1)] } }, flags: ['weak-key'] }),
      ],
    },
    {
      name: 'claims',
      description: 'Issuer, audience, time and subject [IDT-08..IDT-16]',
      cases: [
        idt('iss-other', 'An issuer the room does not accept', ['IDT-08'], { claims: { iss: 'https://login.example.net' }, flags: ['claims'], error: 'idtoken.bad-iss' }),
        idt('iss-trailing-slash', 'Issuer compared exactly (trailing slash)', ['IDT-08'], { claims: { iss: `${ISS}/` }, flags: ['claims'], error: 'idtoken.bad-iss' }),
        idt('iss-missing', 'No iss', ['IDT-08'], { drop: ['iss'], flags: ['claims'], error: 'idtoken.bad-iss' }),
        idt('aud-other', 'Token for another client', ['IDT-09'], { claims: { aud: 'other-client' }, flags: ['claims'], error: 'idtoken.bad-aud' }),
        idt('aud-array-without', 'aud array that does not name the client', ['IDT-09'], { claims: { aud: ['a', 'b'] }, flags: ['claims'], error: 'idtoken.bad-aud' }),
        idt('expired-at-leeway', 'now = exp + leeway is already expired', ['IDT-10'], { claims: { exp: NOW - 60 }, flags: ['boundary'], error: 'idtoken.expired' }),
        idt('exp-missing', 'No exp', ['IDT-10'], { drop: ['exp'], flags: ['claims'], error: 'idtoken.expired' }),
        idt('exp-string', 'exp as a string', ['IDT-10', 'CONV-03'], { claims: { exp: String(NOW + 3500) }, flags: ['claims'], error: 'idtoken.expired' }),
        idt('nbf-future', 'now = nbf - leeway - 1', ['IDT-11'], { claims: { nbf: NOW + 61 }, flags: ['boundary'], error: 'idtoken.not-yet-valid' }),
        idt('iat-future', 'iat = now + leeway + 1', ['IDT-12'], { claims: { iat: NOW + 61 }, flags: ['boundary'], error: 'idtoken.future-iat' }),
        idt('too-old', 'One second past the maximum age', ['IDT-13'], { claims: { iat: NOW - 3601 }, input: { maxAge: 3600 }, flags: ['boundary'], error: 'idtoken.too-old' }),
        idt('too-old-leeway-no-help', 'The leeway does not extend the maximum age', ['IDT-13'], { claims: { iat: NOW - 3630 }, input: { maxAge: 3600, leeway: 60 }, flags: ['boundary'], error: 'idtoken.too-old' }),
        idt('door-too-old', 'The door refuses a token 3601 s old', ['IDT-20', 'IDT-13'], { claims: { iat: NOW - 3601 }, input: { leeway: 30, maxAge: 3600 }, flags: ['door-parameters'], error: 'idtoken.too-old' }),
        idt('door-expired', 'The door leeway is 30 s', ['IDT-20', 'IDT-10'], { claims: { exp: NOW - 30 }, input: { leeway: 30, maxAge: 3600 }, flags: ['door-parameters'], error: 'idtoken.expired' }),
        idt('no-iat-with-max-age', 'A maximum age is configured but there is no iat', ['IDT-14'], { drop: ['iat'], input: { maxAge: 3600 }, flags: ['claims'], error: 'idtoken.no-iat' }),
        idt('sub-missing', 'No sub', ['IDT-15'], { drop: ['sub'], flags: ['claims'], error: 'idtoken.no-sub' }),
        idt('sub-empty', 'Empty sub', ['IDT-15'], { claims: { sub: '' }, flags: ['claims'], error: 'idtoken.no-sub' }),
        idt('sub-number', 'Numeric sub', ['IDT-15'], { claims: { sub: 1234 }, flags: ['claims'], error: 'idtoken.no-sub' }),
        idt('email-verified-string', 'email_verified is the string "true"', ['IDT-16'], { claims: { email_verified: 'true' }, flags: ['string-boolean'], error: 'idtoken.email-not-verified' }),
        idt('email-verified-one', 'email_verified is 1', ['IDT-16'], { claims: { email_verified: 1 }, flags: ['string-boolean'], error: 'idtoken.email-not-verified' }),
        idt('email-verified-false', 'email_verified is false', ['IDT-16'], { claims: { email_verified: false }, flags: ['claims'], error: 'idtoken.email-not-verified' }),
        idt('email-verified-missing', 'No email_verified', ['IDT-16'], { drop: ['email_verified'], flags: ['claims'], error: 'idtoken.email-not-verified' }),
        idt('email-missing', 'email_verified true but no email', ['IDT-16'], { drop: ['email'], flags: ['claims'], error: 'idtoken.email-not-verified' }),
      ],
    },
    {
      name: 'binding',
      description: 'The nonce binds the token to this connection and room [IDT-17], [BIND-02], [BIND-05], [BIND-06]',
      cases: [
        idt('other-connection', 'A genuine token replayed over a connection presenting another certificate', ['IDT-17', 'BIND-05'], { input: { remoteFp: BOB_FP }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('other-room', 'A genuine token for room "retro" presented in "standup"', ['IDT-17', 'BIND-02'], { claims: { nonce: certBindingNonce(ALICE_FP, 'retro') }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('peer-id-salt', 'A nonce salted with the peer id instead of the room id', ['BIND-02'], { claims: { nonce: certBindingNonce(ALICE_FP, 'kbz-v1-standup') }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('unsalted-in-salted-room', 'An unsalted nonce does not verify where the room salt is non-empty', ['BIND-06'], { claims: { nonce: certBindingNonce(ALICE_FP) }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('nonce-missing', 'No nonce claim', ['BIND-05'], { drop: ['nonce'], flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('nonce-empty', 'Empty nonce claim', ['BIND-05'], { claims: { nonce: '' }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('remote-fp-unreadable', 'The connection certificate is unreadable (null)', ['BIND-05', 'IDT-19'], { input: { remoteFp: null }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('remote-fp-empty', 'The connection certificate is unreadable (empty string)', ['BIND-05'], { input: { remoteFp: '' }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        { ...idt('remote-fp-absent', 'No remoteFp member: the certificate is unreadable, so the binding fails', ['BIND-05'], { flags: ['binding'], error: 'idtoken.binding-mismatch' }), input: (() => { const { remoteFp: _r, ...rest } = idt('x', '', [], {}).input; return rest; })() },
        idt('remote-fp-whitespace', 'A whitespace-only fingerprint is unreadable, even for a nonce of the empty fingerprint', ['BIND-05'], { claims: { nonce: certBindingNonce('', ROOM) }, input: { remoteFp: ' \n' }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
        idt('nonce-is-raw-fingerprint', 'The nonce holds the fingerprint itself, not its hash', ['BIND-01', 'BIND-05'], { claims: { nonce: ALICE_FP }, flags: ['binding'], error: 'idtoken.binding-mismatch' }),
      ],
    },
    {
      name: 'order',
      description: 'The first failing step is reported [IDT-18]',
      cases: [
        idt('oversize-before-alg', 'Oversize and alg none: oversize first', ['IDT-18', 'IDT-01'], { jwt: unsigned({ alg: 'none', pad: 'x'.repeat(9000) }, CLAIMS), flags: ['check-order'], error: 'idtoken.oversize' }),
        idt('alg-before-kid', 'alg HS256 and unknown kid: alg first', ['IDT-18'], { header: { alg: 'HS256', kid: 'nope' }, flags: ['check-order'], error: 'idtoken.unsupported-alg' }),
        idt('signature-before-iss', 'Forged and wrong issuer: signature first', ['IDT-18'], { signer: ROGUE, claims: { iss: 'https://evil.example' }, flags: ['check-order'], error: 'idtoken.bad-signature' }),
        idt('aud-before-exp', 'Wrong audience and expired: audience first', ['IDT-18'], { claims: { aud: 'x', exp: NOW - 9999 }, flags: ['check-order'], error: 'idtoken.bad-aud' }),
        idt('exp-before-binding', 'Expired and unbound: expiry first', ['IDT-18'], { claims: { exp: NOW - 9999, nonce: 'x' }, flags: ['check-order'], error: 'idtoken.expired' }),
        idt('email-before-binding', 'email_verified "true" and unbound: e-mail first', ['IDT-18'], { claims: { email_verified: 'true', nonce: 'x' }, flags: ['check-order'], error: 'idtoken.email-not-verified' }),
      ],
    },
  ],
};
