// The three P-256 verifiers (noble one-shot, noble with a per-key table, OpenSSL through
// node:crypto) must give the same answer on every input: valid, high-S, tampered, out-of-range
// r and s, wrong keys. A verifier that disagrees would make the coordinator's verdict on a host
// command depend on the platform.
// Replay a failure with the seed it prints:  P256_SEED=<seed> node scripts/test.mjs tests/reference p256-verify
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createHotKeyVerifier, nobleVerify, setP256Verifier, verifyP256, type P256Verifier } from '../../reference/token/p256-verify.ts';
import { nodeVerify } from '../../reference/token/p256-verify-node.ts';
import { signBody, verifyToken } from '../../reference/token/compact.ts';
import { publicJwkFromSecret } from '../../reference/token/keys.ts';

const SEED = process.env.P256_SEED ? Number(process.env.P256_SEED) : (Date.now() ^ (process.pid << 10)) | 0;
const REPLAY = `P256_SEED=${SEED} node scripts/test.mjs tests/reference p256-verify`;

const N = p256.Point.Fn.ORDER;
const secretA = sha256(new TextEncoder().encode('p256-verify test A'));
const secretB = sha256(new TextEncoder().encode('p256-verify test B'));
const pubA = p256.getPublicKey(secretA, false);
const pubB = p256.getPublicKey(secretB, false);
const msg = new TextEncoder().encode('eyJrIjoiaG9zdGNtZCJ9');
const sig = p256.sign(msg, secretA, { extraEntropy: false });

const be32 = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
const rs = (r: bigint, s: bigint) => new Uint8Array([...be32(r), ...be32(s)]);
const parsed = p256.Signature.fromBytes(sig, 'compact');
const highS = rs(parsed.r, N - parsed.s);

// hotAfter 1: every call after the first uses the table, so the table path is what is compared.
const tabled = createHotKeyVerifier({ hotAfter: 1 });
const VERIFIERS: [string, P256Verifier][] = [['noble', nobleVerify], ['tabled', tabled], ['node', nodeVerify]];

function agree(s: Uint8Array, m: Uint8Array, k: Uint8Array): boolean {
  const answers = VERIFIERS.map(([, v]) => v(s, m, k));
  if (new Set(answers).size !== 1) throw new Error(`verifiers disagree (${VERIFIERS.map(([n], i) => `${n}=${answers[i]}`).join(' ')}) on sig ${Buffer.from(s).toString('hex')} msg ${Buffer.from(m).toString('hex')} key ${Buffer.from(k).toString('hex')}`);
  return answers[0]!;
}

test('[TOK-03] [TOK-08] every verifier accepts a good signature and its high-S twin, and refuses tampering', () => {
  assert.is(agree(sig, msg, pubA), true);
  assert.is(agree(highS, msg, pubA), true, 'high-S is accepted, as WebCrypto does');
  assert.is(agree(sig, new TextEncoder().encode('eyJrIjoiaG9zdGNtZCJ8'), pubA), false);
  assert.is(agree(sig, msg, pubB), false);
  const flipped = sig.slice();
  flipped[10]! ^= 1;
  assert.is(agree(flipped, msg, pubA), false);
});

test('[TOK-03] out-of-range and degenerate r, s and keys are refused alike, without throwing', () => {
  for (const [r, s] of [[0n, parsed.s], [parsed.r, 0n], [N, parsed.s], [parsed.r, N], [parsed.r + N, parsed.s], [2n ** 256n - 1n, 2n ** 256n - 1n]] as const) {
    assert.is(agree(rs(r % 2n ** 256n, s % 2n ** 256n), msg, pubA), false, `r=${r} s=${s}`);
  }
  assert.is(agree(new Uint8Array(64), msg, pubA), false);
  assert.is(agree(sig.slice(0, 63), msg, pubA), false, 'short signature');
  const offCurve = pubA.slice();
  offCurve[64]! ^= 1;
  assert.is(agree(sig, msg, offCurve), false, 'a key off the curve');
  assert.is(agree(sig, msg, pubA.slice(0, 33)), false, 'a compressed key is not what the JWK import produces');
});

test('[TOK-08] the three verifiers agree on random signatures, messages and tampering (fast-check)', () => {
  try {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), fc.boolean(), fc.nat({ max: 63 }), fc.boolean(), (m, tamper, at, high) => {
        const s0 = p256.sign(m, secretA, { extraEntropy: false });
        let s = high ? (() => { const p = p256.Signature.fromBytes(s0, 'compact'); return rs(p.r, N - p.s); })() : s0;
        if (tamper) {
          s = s.slice();
          s[at]! ^= 0x40;
        }
        return agree(s, m, pubA) === !tamper;
      }),
      { seed: SEED, numRuns: 40 },
    );
  } catch (e) {
    console.log(`p256-verify property FAILED (seed ${SEED}); replay: ${REPLAY}`);
    throw e;
  }
});

test('[TOK-08] verifyToken gives the same verdicts whichever verifier is installed', () => {
  const pub = publicJwkFromSecret(secretA);
  const token = signBody(secretA, '{"k":"x"}');
  const [body, sigText] = token.split('.') as [string, string];
  const sigBytes = Buffer.from(sigText, 'base64url');
  const p = p256.Signature.fromBytes(new Uint8Array(sigBytes), 'compact');
  const high = `${body}.${Buffer.from(rs(p.r, N - p.s)).toString('base64url')}`;
  const bad = `${body}.${Buffer.from(rs(p.r, p.s ^ 1n)).toString('base64url')}`;
  const verdicts = (): string[] => [token, high, bad, token, high].map((t) => { const r = verifyToken(t, pub); return r.ok ? 'ok' : r.error.code; });
  const expected = ['ok', 'ok', 'token.bad-signature', 'ok', 'ok'];
  try {
    for (const v of [nobleVerify, tabled, nodeVerify, null]) {
      setP256Verifier(v);
      assert.equal(verdicts(), expected);
    }
  } finally {
    setP256Verifier(null);
  }
  assert.is(verifyP256(sig, msg, pubA), true, 'the default verifier is back');
});

test.run();
