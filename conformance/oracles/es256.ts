// The compact signed token of spec/03-signed-token.md as the harness sees it:
//   token = B64U(UTF-8(JSON)) "." B64U(r || s), ECDSA P-256/SHA-256 over the ASCII of the body text.
// Verification uses @noble/curves directly (high-S accepted, TOK-08); signing for generated inputs
// takes node:crypto's native fast path, since the harness signs thousands of inputs per run and
// no verdict depends on which valid signature it produced.
import { createECDH, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { b64u, fromB64u } from '../lib/base64url.ts';
import { isJsonObject, tryParseJson, type JsonObject } from '../lib/json.ts';
import { asciiBytes, fromUtf8, utf8 } from '../lib/text.ts';

export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}
export interface EcPrivateJwk extends EcPublicJwk {
  d: string;
}

/**
 * A fixed test key pair derived from a label (never a real key). The public key comes from
 * node:crypto on first use: a noble scalar multiplication at import would build noble's
 * precomputed tables, which listing checks (`--list`) should not pay for.
 */
export class TestKey {
  readonly secret: Uint8Array;
  #public: EcPublicJwk | null = null;
  #key: KeyObject | null = null;
  constructor(label: string) {
    this.secret = sha256(utf8(`kibitz conformance / ${label}`));
  }
  get publicJwk(): EcPublicJwk {
    if (!this.#public) {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(this.secret));
      const pub = new Uint8Array(ecdh.getPublicKey()); // 65 bytes, uncompressed
      this.#public = { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)) };
    }
    return this.#public;
  }
  get privateJwk(): EcPrivateJwk {
    return { ...this.publicJwk, d: b64u(this.secret) };
  }
  /** Signs JSON text exactly as given (TOK-01, TOK-02); randomised nonce, native speed. */
  signJson(json: string): string {
    this.#key ??= createPrivateKey({ key: this.privateJwk as never, format: 'jwk' });
    const body = b64u(utf8(json));
    const sig = nodeSign('sha256', asciiBytes(body), { key: this.#key, dsaEncoding: 'ieee-p1363' });
    return `${body}.${b64u(new Uint8Array(sig))}`;
  }
  /** RFC 6979 deterministic signature, low-S, through noble: reproducible tokens. */
  signJsonDeterministic(json: string): string {
    const body = b64u(utf8(json));
    return `${body}.${b64u(p256.sign(asciiBytes(body), this.secret, { extraEntropy: false }))}`;
  }
}

export type Verified = { ok: true; payload: JsonObject; body: string } | { ok: false; step: 'key' | 'structure' | 'encoding' | 'signature-form' | 'signature' | 'payload'; message: string };

function publicKeyBytes(jwk: unknown): Uint8Array | null {
  if (!isJsonObject(jwk) || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return null;
  const x = fromB64u(jwk.x);
  const y = fromB64u(jwk.y);
  if (x?.length !== 32 || y?.length !== 32) return null;
  const sec1 = new Uint8Array(65);
  sec1[0] = 4;
  sec1.set(x, 1);
  sec1.set(y, 33);
  return sec1;
}

/** Checks only the signature of `token` (TOK-02, TOK-03): the body may be any text. */
export function verifySignature(token: string, publicJwk: unknown): { ok: true; body: string; bodyBytes: Uint8Array } | Extract<Verified, { ok: false }> {
  const key = publicKeyBytes(publicJwk);
  if (!key) return { ok: false, step: 'key', message: 'not a P-256 public JWK' };
  const dot = token.indexOf('.');
  if (dot < 1 || dot === token.length - 1) return { ok: false, step: 'structure', message: 'not <body>.<signature>' };
  const body = token.slice(0, dot);
  const bodyBytes = fromB64u(body);
  const sig = fromB64u(token.slice(dot + 1));
  if (!bodyBytes || !sig) return { ok: false, step: 'encoding', message: 'a part is not canonical base64url' };
  if (sig.length !== 64) return { ok: false, step: 'signature-form', message: `signature is ${sig.length} bytes, not the 64 of r || s (DER?)` };
  let valid = false;
  try {
    valid = p256.verify(sig, asciiBytes(body), key, { lowS: false });
  } catch {
    valid = false;
  }
  return valid ? { ok: true, body, bodyBytes } : { ok: false, step: 'signature', message: 'signature does not verify over the base64url text of the body' };
}

/** Verifies a token the way TOK-06 orders the steps, naming the step that failed. */
export function verifyToken(token: string, publicJwk: unknown): Verified {
  const sig = verifySignature(token, publicJwk);
  if (!sig.ok) return sig;
  const text = fromUtf8(sig.bodyBytes);
  const parsed = text === null ? null : tryParseJson(text);
  if (!parsed || !isJsonObject(parsed.value)) return { ok: false, step: 'payload', message: 'body is not a UTF-8 JSON object' };
  return { ok: true, payload: parsed.value, body: sig.body };
}

const N = p256.Point.CURVE().n;

/** The same signature with s or n - s, whichever makes it high-S (or low-S): both valid (TOK-08). */
export function withS(token: string, high: boolean): string {
  const dot = token.indexOf('.');
  const sig = fromB64u(token.slice(dot + 1))!;
  const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`);
  const isHigh = s > N / 2n;
  if (isHigh === high) return token;
  const flipped = Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex');
  const out = new Uint8Array(64);
  out.set(sig.subarray(0, 32));
  out.set(flipped, 32);
  return `${token.slice(0, dot)}.${b64u(out)}`;
}

/** The public JWK of a private P-256 JWK, derived from `d` (not trusted from `x`/`y`); null if unusable. */
export function publicJwkOf(privateJwk: unknown): EcPublicJwk | null {
  if (!isJsonObject(privateJwk) || typeof privateJwk.d !== 'string') return null;
  const d = fromB64u(privateJwk.d);
  if (d?.length !== 32) return null;
  try {
    const pub = p256.getPublicKey(d, false);
    return { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)) };
  } catch {
    return null;
  }
}
