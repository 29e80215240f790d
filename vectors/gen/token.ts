import { ascii, utf8 } from '../../reference/encoding/text.ts';
import {
  b64u, bodyOf, bodyOfBytes, dirtyTrailingBits, padded, rawSig, sigOver, standardAlphabet, tokenFor, tokenHighS,
  tokenRandomized, tokenSignedOverJson, tokenWithDer,
} from './craft.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';

const host = ecKey('host');
const stranger = ecKey('stranger');
const JSON_A = '{"k":"example","room":"standup","n":1}';
const BODY_A = bodyOf(JSON_A);
const GOOD = tokenFor(host.secret, BODY_A);
const [, GOOD_SIG] = GOOD.split('.') as [string, string];

/** A payload whose body needs padding (length % 4 != 0) and contains '-' or '_'. */
function bodyNeedingPadding(): { json: string; body: string } {
  for (let i = 0; ; i++) {
    const json = `{"k":"example","pad":"${'~'.repeat(i)}??>"}`;
    const body = bodyOf(json);
    if (body.length % 4 === 2 && /[-_]/.test(body)) return { json, body };
  }
}
const PADDABLE = bodyNeedingPadding();

const verify = (name: string, description: string, token: unknown, covers: string[], flags: string[] = [], error?: string, extra: Partial<Case> = {}): Case => ({
  name, description, op: 'token.verify', input: { token: token as string, publicJwk: host.pub as never }, covers, flags, ...(error ? { error } : {}), ...extra,
});

const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export const tokenVectors: FileSpec = {
  file: 'token',
  title: 'The compact signed token: format, parsing and every verification step',
  profile: 'crypto',
  chapters: ['spec/03-signed-token.md', 'spec/01-conventions.md'],
  notes: {
    'signed-json-bytes': { bugType: 'WRONG_PRIMITIVE', description: 'The signature covers the JSON bytes instead of the ASCII of the base64url body text.' },
    'der-signature': { bugType: 'ENCODING', description: 'An ASN.1 DER signature where the 64-byte r||s form is required (Node crypto and OpenSSL default to DER).' },
    'high-s': { bugType: 'MALLEABILITY', description: 'A valid signature with s > n/2. WebCrypto accepts it; libraries that enforce low-S reject real upstream tokens.' },
    'randomized-signature': { bugType: 'INTEROP', description: 'A non-deterministic ECDSA nonce, as WebCrypto (upstream) produces; verifiers must not assume RFC 6979.' },
    'padding': { bugType: 'ENCODING', description: 'base64url with = padding; upstream decoders accept it.' },
    'lenient-decoder': { bugType: 'ENCODING', description: 'Input only a lenient (atob-style) decoder accepts; conforming receivers should reject it (SHOULD).' },
    'structure': { bugType: 'BASIC', description: 'The <body>.<signature> structure itself is wrong.' },
    'wrong-key': { bugType: 'AUTH_BYPASS', description: 'A signature by a key other than the expected one.' },
    'tampered': { bugType: 'AUTH_BYPASS', description: 'The body was changed after signing.' },
    'scalar-range': { bugType: 'EDGE_CASE', description: 'r or s is zero or not below the group order.' },
    'not-object': { bugType: 'MISSING_STEP', description: 'A correctly signed body that is not a JSON object.' },
    'utf8': { bugType: 'ENCODING', description: 'A correctly signed body that is not clean UTF-8 (invalid bytes or a byte-order mark).' },
    'duplicate-member': { bugType: 'INTEROP', description: 'Duplicate member names: the last occurrence wins, as in JSON.parse.' },
    'binary64': { bugType: 'INTEROP', description: 'Numbers are binary64 values (CONV-16): a literal beyond the range reads as infinity and is written back as null.' },
    'bad-key': { bugType: 'MISSING_STEP', description: 'The verification key itself is not a P-256 public key.' },
    'extra-jwk-members': { bugType: 'INTEROP', description: 'JWK members browsers add (ext, key_ops) must be ignored.' },
  },
  groups: [
    {
      name: 'valid',
      description: 'Tokens a verifier must accept [TOK-01..TOK-05], [TOK-08], [CONV-05]',
      cases: [
        verify('basic', 'A correctly signed object body', GOOD, ['TOK-01', 'TOK-02', 'TOK-03', 'TOK-06'], [], undefined, {
          intermediates: { json: JSON_A, body: BODY_A, signedBytesAscii: BODY_A },
        }),
        verify('high-s', 'The same statement with a high-S signature', tokenHighS(host.secret, BODY_A), ['TOK-08'], ['high-s']),
        verify('randomized-nonce', 'A signature made with a non-RFC-6979 nonce', tokenRandomized(host.secret, BODY_A, utf8('fixed extra entropy for vectors')), ['TOK-04'], ['randomized-signature']),
        verify('padded-body', 'Body text with = padding, signed as that text', tokenFor(host.secret, padded(PADDABLE.body)), ['CONV-05', 'TOK-06'], ['padding']),
        verify('padded-signature', 'Signature part with == padding', `${BODY_A}.${padded(GOOD_SIG)}`, ['CONV-05'], ['padding']),
        verify('duplicate-member', 'Duplicate member: the last occurrence wins', tokenFor(host.secret, bodyOf('{"op":"lock","op":"kick"}')), ['CONV-14'], ['duplicate-member']),
        verify('non-ascii-payload', 'Non-ASCII text travels as raw UTF-8 inside the body', tokenFor(host.secret, bodyOf('{"name":"Zoë ☕ 😀","room":"caf-chat"}')), ['TOK-01', 'CONV-01']),
        verify('member-order-free', 'Member order is the signer\'s business', tokenFor(host.secret, bodyOf('{"room":"standup","k":"example"}')), ['CONV-12']),
        {
          name: 'jwk-extra-members',
          description: 'A public JWK with ext, key_ops, alg and kid',
          op: 'token.verify',
          input: { token: GOOD, publicJwk: { ...host.pub, ext: true, key_ops: ['verify'], alg: 'ES256', kid: 'host' } },
          covers: ['TOK-05'],
          flags: ['extra-jwk-members'],
        },
        {
          name: 'sign-basic',
          description: 'token.sign produces body = B64U(UTF-8(json)) and a signature over the body text',
          op: 'token.sign',
          input: { privateJwk: host.priv as never, payloadJson: JSON_A },
          covers: ['TOK-01', 'TOK-02', 'TOK-03', 'CONV-04'],
        },
        {
          name: 'sign-not-json',
          description: 'token.sign signs its text as given, even text that is not JSON: the envelope does not check payloads (TOK-11)',
          op: 'token.sign',
          input: { privateJwk: host.priv as never, payloadJson: 'not json' },
          covers: ['TOK-11', 'TOK-02'],
        },
        {
          name: 'sign-non-ascii',
          description: 'token.sign encodes non-ASCII JSON text as UTF-8',
          op: 'token.sign',
          input: { privateJwk: host.priv as never, payloadJson: '{"name":"Zoë"}' },
          covers: ['TOK-01', 'CONV-01'],
        },
      ],
    },
    {
      name: 'structure',
      description: 'Splitting at the first dot [TOK-06], [TOK-07]',
      cases: [
        verify('no-dot', 'No separator', BODY_A, ['TOK-06'], ['structure'], 'token.malformed'),
        verify('leading-dot', 'Empty body part', `.${GOOD_SIG}`, ['TOK-06'], ['structure'], 'token.malformed'),
        verify('trailing-dot', 'Empty signature part', `${BODY_A}.`, ['TOK-06'], ['structure'], 'token.malformed'),
        verify('empty', 'Empty string', '', ['TOK-06'], ['structure'], 'token.malformed'),
        verify('not-a-string', 'A JSON number is not a token', 12345, ['TOK-06', 'ADP-08'], ['structure'], 'token.malformed'),
        verify('leading-dot-three-parts', 'Split at the first dot: ".a.b" has an empty body', `.${BODY_A}.${GOOD_SIG}`, ['TOK-06', 'TOK-07'], ['structure'], 'token.malformed'),
        verify('two-dots', 'A second dot lands in the signature part and fails decoding', `${GOOD}.x`, ['TOK-07'], ['structure'], 'token.bad-encoding'),
      ],
    },
    {
      name: 'encoding',
      description: 'base64url decoding of both parts [CONV-05..CONV-07]',
      cases: [
        verify('body-bad-char', 'A character outside any base64 alphabet in the body', `${BODY_A.slice(0, 4)}$${BODY_A.slice(5)}.${GOOD_SIG}`, ['CONV-07', 'TOK-06'], [], 'token.bad-encoding'),
        verify('body-length-1-mod-4', 'Body length 1 mod 4 decodes to no byte string', `${BODY_A.slice(0, 4 * Math.floor(BODY_A.length / 4))}A.${GOOD_SIG}`, ['CONV-06'], [], 'token.bad-encoding'),
        verify('body-standard-alphabet', 'The body written with + and / (and signed that way)', tokenFor(host.secret, standardAlphabet(PADDABLE.body)), ['CONV-07'], ['lenient-decoder'], 'token.bad-encoding'),
        verify('body-inner-whitespace', 'A space inside the body (signed that way)', tokenFor(host.secret, `${BODY_A.slice(0, 8)} ${BODY_A.slice(8)}`), ['CONV-07'], ['lenient-decoder'], 'token.bad-encoding'),
        verify('sig-dirty-trailing-bits', 'Signature text with non-zero unused bits', `${BODY_A}.${dirtyTrailingBits(GOOD_SIG)}`, ['CONV-07'], ['lenient-decoder'], 'token.bad-encoding'),
        verify('sig-too-much-padding', 'Three = after the signature', `${BODY_A}.${GOOD_SIG}===`, ['CONV-07'], ['padding'], 'token.bad-encoding'),
        verify('sig-inner-padding', 'An = in the middle of the signature', `${BODY_A}.${GOOD_SIG.slice(0, 10)}=${GOOD_SIG.slice(11)}`, ['CONV-07'], ['padding'], 'token.bad-encoding'),
      ],
    },
    {
      name: 'signature',
      description: 'Signature form and validity [TOK-02], [TOK-03], [TOK-06]',
      cases: [
        verify('over-json-bytes', 'Signed over the JSON bytes, not the body text', tokenSignedOverJson(host.secret, JSON_A), ['TOK-02'], ['signed-json-bytes'], 'token.bad-signature'),
        verify('der', 'DER-encoded signature', tokenWithDer(host.secret, BODY_A), ['TOK-03'], ['der-signature'], 'token.bad-signature'),
        verify('63-bytes', 'Signature one byte short', `${BODY_A}.${b64u(sigOver(host.secret, ascii(BODY_A)).slice(0, 63))}`, ['TOK-03', 'TOK-06'], [], 'token.bad-signature'),
        verify('65-bytes', 'Signature with a trailing zero byte', `${BODY_A}.${b64u(new Uint8Array([...sigOver(host.secret, ascii(BODY_A)), 0]))}`, ['TOK-03', 'TOK-06'], [], 'token.bad-signature'),
        verify('wrong-key', 'Signed by another key', tokenFor(stranger.secret, BODY_A), ['TOK-06'], ['wrong-key'], 'token.bad-signature'),
        verify('tampered-body', 'Body changed after signing', `${bodyOf(JSON_A.replace('"n":1', '"n":2'))}.${GOOD_SIG}`, ['TOK-06', 'TOK-09'], ['tampered'], 'token.bad-signature'),
        verify('r-zero', 'r = 0', `${BODY_A}.${b64u(rawSig(0n, 1n))}`, ['TOK-03'], ['scalar-range'], 'token.bad-signature'),
        verify('s-zero', 's = 0', `${BODY_A}.${b64u(rawSig(1n, 0n))}`, ['TOK-03'], ['scalar-range'], 'token.bad-signature'),
        verify('r-equals-n', 'r = n (not reduced)', `${BODY_A}.${b64u(rawSig(n, 1n))}`, ['TOK-03'], ['scalar-range'], 'token.bad-signature'),
        verify('all-ff', 'r and s = 2^256 - 1', `${BODY_A}.${b64u(new Uint8Array(64).fill(0xff))}`, ['TOK-03'], ['scalar-range'], 'token.bad-signature'),
      ],
    },
    {
      name: 'payload',
      description: 'The signed body must be a UTF-8 JSON object [TOK-01], [CONV-13]',
      cases: [
        verify('not-json', 'Correctly signed text that is not JSON', tokenFor(host.secret, bodyOf('not json')), ['TOK-01', 'TOK-06'], ['not-object'], 'token.bad-payload'),
        verify('array', 'Correctly signed JSON array', tokenFor(host.secret, bodyOf('[1,2,3]')), ['TOK-01'], ['not-object'], 'token.bad-payload'),
        verify('null', 'Correctly signed JSON null', tokenFor(host.secret, bodyOf('null')), ['TOK-01'], ['not-object'], 'token.bad-payload'),
        verify('string', 'Correctly signed JSON string', tokenFor(host.secret, bodyOf('"kbz-host-cmd.v1"')), ['TOK-01'], ['not-object'], 'token.bad-payload'),
        verify('number', 'Correctly signed JSON number', tokenFor(host.secret, bodyOf('42')), ['TOK-01'], ['not-object'], 'token.bad-payload'),
        verify('invalid-utf8', 'Correctly signed body with an invalid UTF-8 byte inside a string', tokenFor(host.secret, bodyOfBytes(new Uint8Array([...utf8('{"a":"'), 0xff, ...utf8('"}')]))), ['CONV-13'], ['utf8'], 'token.bad-payload'),
        verify('bom', 'Correctly signed body that starts with a UTF-8 byte-order mark', tokenFor(host.secret, bodyOfBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(JSON_A)]))), ['CONV-13'], ['utf8'], 'token.bad-payload'),
        verify('trailing-garbage', 'JSON followed by garbage', tokenFor(host.secret, bodyOf(`${JSON_A}x`)), ['TOK-01', 'CONV-16'], ['not-object'], 'token.bad-payload'),
        verify('nan-literal', 'NaN is not JSON (Python json.loads accepts it)', tokenFor(host.secret, bodyOf('{"k":"example","n":NaN}')), ['CONV-16'], ['not-object'], 'token.bad-payload'),
        verify('infinity-literal', 'Infinity is not JSON', tokenFor(host.secret, bodyOf('{"n":-Infinity}')), ['CONV-16'], ['not-object'], 'token.bad-payload'),
        verify('trailing-comma', 'A trailing comma is not JSON', tokenFor(host.secret, bodyOf('{"n":1,}')), ['CONV-16'], ['not-object'], 'token.bad-payload'),
        verify('single-quotes', 'Single-quoted strings are not JSON', tokenFor(host.secret, bodyOf("{'n':1}")), ['CONV-16'], ['not-object'], 'token.bad-payload'),
        verify('number-beyond-binary64', 'A number literal beyond the binary64 range is JSON: it reads as infinity (JSON.parse), which an output can only write as null, as JSON.stringify does', tokenFor(host.secret, bodyOf('{"k":"example","n":1e400,"m":[-1e999]}')), ['CONV-16'], ['binary64']),
      ],
    },
    {
      name: 'key',
      description: 'The verification key [TOK-05]',
      cases: [
        { name: 'p384', description: 'A JWK on another curve', op: 'token.verify', input: { token: GOOD, publicJwk: { ...host.pub, crv: 'P-384' } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'off-curve', description: 'Coordinates that are not a point on P-256', op: 'token.verify', input: { token: GOOD, publicJwk: { ...host.pub, y: host.pub.x } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'short-x', description: 'x is 31 bytes', op: 'token.verify', input: { token: GOOD, publicJwk: { ...host.pub, x: b64u(new Uint8Array(31).fill(1)) } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'x-equals-p', description: 'x is the field prime itself (32 bytes, not a field element)', op: 'token.verify', input: { token: GOOD, publicJwk: { ...host.pub, x: b64u(new Uint8Array(Buffer.from('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', 'hex'))) } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'kty-lowercase', description: 'kty "ec" is not "EC"', op: 'token.verify', input: { token: GOOD, publicJwk: { ...host.pub, kty: 'ec' } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'key-not-object', description: 'A key that is a string', op: 'token.verify', input: { token: GOOD, publicJwk: 'AAAA' }, covers: ['TOK-05', 'ADP-08'], flags: ['bad-key'], error: 'token.bad-key' },
        { name: 'sign-mismatched-private-key', description: 'A private JWK whose d does not belong to its x, y', op: 'token.sign', input: { privateJwk: { ...host.priv, d: stranger.priv.d }, payloadJson: JSON_A }, covers: ['TOK-05'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-key-not-object', description: 'token.sign with a private key that is a string (step 1 of TOK-11)', op: 'token.sign', input: { privateJwk: 'AAAA', payloadJson: JSON_A }, covers: ['TOK-11', 'ADP-08'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-key-absent', description: 'token.sign without a privateJwk member: the key step rejects it, not the shape check', op: 'token.sign', input: { payloadJson: JSON_A }, covers: ['TOK-11', 'ADP-08'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-wrong-curve', description: 'token.sign with crv P-384 (step 2)', op: 'token.sign', input: { privateJwk: { ...host.priv, crv: 'P-384' }, payloadJson: JSON_A }, covers: ['TOK-11'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-off-curve', description: 'token.sign with x, y off the curve (step 3)', op: 'token.sign', input: { privateJwk: { ...host.priv, y: host.priv.x }, payloadJson: JSON_A }, covers: ['TOK-11'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-public-only', description: 'token.sign with a public key: no d (step 4)', op: 'token.sign', input: { privateJwk: host.pub as never, payloadJson: JSON_A }, covers: ['TOK-11'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'sign-d-zero', description: 'token.sign with d = 0 (step 4)', op: 'token.sign', input: { privateJwk: { ...host.priv, d: b64u(new Uint8Array(32)) }, payloadJson: JSON_A }, covers: ['TOK-11'], flags: ['bad-key'], error: 'key.bad-jwk' },
        { name: 'rsa-key', description: 'An RSA JWK', op: 'token.verify', input: { token: GOOD, publicJwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, covers: ['TOK-05'], flags: ['bad-key'], error: 'token.bad-key' },
      ],
    },
  ],
};
