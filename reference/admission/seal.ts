// Passphrase-sealed secrets [SEAL-01..SEAL-07]: the sealed manifest (`ge`) and the sealed host
// private key (`ghk`). Layout, then base64url:
//   version (1) || salt (16) || iv (12) || AES-256-GCM ciphertext || tag (16)
// key = PBKDF2-HMAC-SHA256(UTF-8(NFKC(passphrase)), salt, iterations[version], 32 bytes); no AAD.
// WebCrypto, as upstream, so the same code runs in browsers. Every failure is a typed error and
// nothing of the plaintext escapes a failed open.
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.ts';
import { utf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';

/** PBKDF2 iterations by version byte [SEAL-02]. v1 stays readable forever; new seals use v2 [SEAL-04]. */
export const ITERATIONS_BY_VERSION: Readonly<Record<number, number>> = { 1: 210_000, 2: 600_000 };
export const CURRENT_SEAL_VERSION = 2;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** The shortest blob that can open: an empty plaintext [SEAL-05]. */
export const MIN_BLOB_BYTES = 1 + SALT_BYTES + IV_BYTES + TAG_BYTES;

const subtle = globalThis.crypto.subtle;
// The WHATWG "UTF-8 decode": invalid sequences become U+FFFD and a leading BOM is removed, as
// upstream's TextDecoder does [SEAL-05].
const lenientUtf8 = new TextDecoder('utf-8');

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle.importKey('raw', utf8(passphrase.normalize('NFKC')) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', salt: salt as BufferSource, iterations, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export interface SealArgs {
  passphrase: string;
  plaintext: string;
  /** Defaults to the current version. */
  version?: number;
  /** Injected for vectors; otherwise fresh from a CSPRNG on every seal [SEAL-04]. */
  salt?: Uint8Array;
  iv?: Uint8Array;
}

export async function seal(args: SealArgs): Promise<Result<string>> {
  const version = args.version ?? CURRENT_SEAL_VERSION;
  const iterations = ITERATIONS_BY_VERSION[version];
  if (!iterations) return fail('seal.unknown-version', `no seal version ${version}`);
  const salt = args.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = args.iv ?? crypto.getRandomValues(new Uint8Array(IV_BYTES));
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES) return fail('input.invalid', `salt is ${SALT_BYTES} bytes and iv ${IV_BYTES}`);
  const key = await deriveKey(args.passphrase, salt, iterations);
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, utf8(args.plaintext) as BufferSource));
  const out = new Uint8Array(1 + SALT_BYTES + IV_BYTES + ct.length);
  out[0] = version;
  out.set(salt, 1);
  out.set(iv, 1 + SALT_BYTES);
  out.set(ct, 1 + SALT_BYTES + IV_BYTES);
  return ok(encodeBase64url(out));
}

/** Opening, one error code per step, in the order of [SEAL-05]. */
export async function open(blob: string, passphrase: string): Promise<Result<string>> {
  const raw = decodeBase64url(blob);
  if (!raw.ok) return fail('seal.bad-encoding', raw.error.message);
  const bytes = raw.value;
  if (bytes.length < MIN_BLOB_BYTES) return fail('seal.too-short', `${bytes.length} bytes; a sealed blob has at least ${MIN_BLOB_BYTES}`);
  const iterations = ITERATIONS_BY_VERSION[bytes[0]!];
  if (!iterations) return fail('seal.unknown-version', `version byte ${bytes[0]} is not a known seal version`);
  const salt = bytes.slice(1, 1 + SALT_BYTES);
  const iv = bytes.slice(1 + SALT_BYTES, 1 + SALT_BYTES + IV_BYTES);
  const ct = bytes.slice(1 + SALT_BYTES + IV_BYTES);
  let pt: Uint8Array;
  try {
    const key = await deriveKey(passphrase, salt, iterations);
    pt = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, ct as BufferSource));
  } catch {
    // A wrong passphrase and a tampered blob are indistinguishable: the tag does not verify [SEAL-06].
    return fail('seal.open-failed', 'the passphrase is wrong or the blob was altered');
  }
  return ok(lenientUtf8.decode(pt));
}
