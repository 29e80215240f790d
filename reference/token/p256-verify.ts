// ECDSA P-256 / SHA-256 verification of a 64-byte r || s signature [TOK-03], high-S accepted as
// WebCrypto does [TOK-08]. Pure JS (noble), so the reference still runs in a browser.
//
// A coordinator verifies every host command with the same key, and a general-purpose verify
// spends most of its time on u2·P for that key. So a key that keeps coming back gets a
// precomputed window table: after HOT_AFTER uses, verification with it costs about a seventh
// (bench/ecdsa.bench.ts has the figures). Keys seen once or twice, as in most vectors, never pay
// for a table. A Node process may install a native verifier instead (p256-verify-node.ts); both
// must give the same answer on every input (tests/reference/p256-verify.test.ts).
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, bytesToNumberBE } from '@noble/curves/utils.js';

/** `sig`: r || s (64 bytes); `msg`: the signed bytes (hashed here); `publicKey`: SEC1 uncompressed (65). */
export type P256Verifier = (sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array) => boolean;

const { Point } = p256;
const Fn = Point.Fn;

/** Noble's one-shot verify, nothing cached: the baseline. */
export const nobleVerify: P256Verifier = (sig, msg, publicKey) => {
  try {
    return p256.verify(sig, msg, publicKey, { lowS: false });
  } catch {
    return false;
  }
};

/** Uses of one key before it earns a table, the table's window, and how many tables are kept. */
const HOT_AFTER = 3;
const WINDOW = 6;
const MAX_KEYS = 8;

interface KeyEntry {
  uses: number;
  point: InstanceType<typeof Point>;
  tabled: boolean;
}

/**
 * The verifier with per-key tables. Same arithmetic as noble's verify (u1·G + u2·P, R.x mod n
 * against r); only the multiplication by P uses the cached table.
 */
export function createHotKeyVerifier(opts: { hotAfter?: number; window?: number; maxKeys?: number } = {}): P256Verifier {
  const hotAfter = opts.hotAfter ?? HOT_AFTER;
  const window = opts.window ?? WINDOW;
  const maxKeys = opts.maxKeys ?? MAX_KEYS;
  const keys = new Map<string, KeyEntry>(); // insertion order = least recently used first
  return (sig, msg, publicKey) => {
    const id = bytesToHex(publicKey);
    let entry = keys.get(id);
    if (entry) keys.delete(id);
    else {
      try {
        entry = { uses: 0, point: Point.fromBytes(publicKey), tabled: false };
      } catch {
        return false;
      }
      if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string);
    }
    keys.set(id, entry);
    entry.uses += 1;
    if (!entry.tabled) {
      if (entry.uses < hotAfter) return nobleVerify(sig, msg, publicKey);
      entry.point.precompute(window, false);
      entry.tabled = true;
    }
    return tabledVerify(sig, msg, entry.point);
  };
}

function tabledVerify(sig: Uint8Array, msg: Uint8Array, P: InstanceType<typeof Point>): boolean {
  if (sig.length !== 64 || P.is0()) return false;
  try {
    const { r, s } = p256.Signature.fromBytes(sig, 'compact'); // r, s in [1, n-1] or it throws
    const h = Fn.create(bytesToNumberBE(sha256(msg))); // 256-bit hash, 256-bit order: no truncation
    const sInv = Fn.inv(s);
    const R = Point.BASE.multiplyUnsafe(Fn.create(h * sInv)).add(P.multiplyUnsafe(Fn.create(r * sInv)));
    if (R.is0()) return false;
    return Fn.create(R.toAffine().x) === r;
  } catch {
    return false;
  }
}

const DEFAULT: P256Verifier = createHotKeyVerifier();
let current: P256Verifier = DEFAULT;

/** Verifies with the installed verifier (the hot-key noble one unless a process installed another). */
export const verifyP256: P256Verifier = (sig, msg, publicKey) => current(sig, msg, publicKey);

/** Installs a verifier for this process (null: back to the default); returns the previous one. */
export function setP256Verifier(v: P256Verifier | null): P256Verifier {
  const previous = current;
  current = v ?? DEFAULT;
  return previous;
}
