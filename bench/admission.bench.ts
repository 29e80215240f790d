// What admission costs on this machine, and what an offline attacker pays (spec/12-admission.md
// 12.9): one PBKDF2 derivation per sealed-blob guess, per version; one P-256 verification per
// presented invite; one SHA-256 per member-hash guess. GPU figures in the chapter are scaled from
// published hashcat benchmarks; these are the CPU numbers they are compared with.
import { pbkdf2Sync } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { memberHash } from '../reference/admission/member-hash.ts';
import { verifyInvite, signInvite } from '../reference/admission/invite.ts';
import { ITERATIONS_BY_VERSION } from '../reference/admission/seal.ts';
import { privateJwkFromSecret, publicJwkFromSecret } from '../reference/token/keys.ts';

async function webCryptoDerive(iterations: number): Promise<void> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('correct horse'), 'PBKDF2', false, ['deriveBits']);
  await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: new Uint8Array(16), iterations, hash: 'SHA-256' }, base, 256);
}

async function time(n: number, f: () => unknown | Promise<unknown>): Promise<number> {
  await f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t0) / n;
}

export async function run(): Promise<void> {
  console.log('sealed blobs: one passphrase guess = one PBKDF2-HMAC-SHA256 derivation (SEAL-02)');
  console.log(`${'version'.padEnd(10)} ${'iterations'.padStart(10)} ${'WebCrypto ms'.padStart(13)} ${'node ms'.padStart(9)} ${'guesses/s/core'.padStart(15)}`);
  for (const [v, it] of Object.entries(ITERATIONS_BY_VERSION)) {
    const web = await time(3, () => webCryptoDerive(it));
    const node = await time(3, () => pbkdf2Sync('correct horse', new Uint8Array(16), it, 32, 'sha256'));
    console.log(`${v.padEnd(10)} ${String(it).padStart(10)} ${web.toFixed(0).padStart(13)} ${node.toFixed(0).padStart(9)} ${(1000 / Math.min(web, node)).toFixed(2).padStart(15)}`);
  }
  const gpu = 8.9e6 * 999; // PBKDF2-HMAC-SHA256 iterations/s, RTX 4090 (hashcat 6.2.6, mode 10900 at 999 iterations)
  for (const [v, it] of Object.entries(ITERATIONS_BY_VERSION)) console.log(`  GPU (RTX 4090 class), version ${v}: about ${Math.round(gpu / it)} guesses/s`);

  const secret = new Uint8Array(32).fill(9);
  const token = signInvite({ privateJwk: privateJwkFromSecret(secret), name: 'Ann', room: 'standup', exp: 2_000_000_000 });
  if (!token.ok) throw new Error('sign failed');
  const pub = publicJwkFromSecret(secret);
  const inv = await time(200, () => verifyInvite(token.value, pub, 'standup', 1_700_000_000));
  console.log(`\ninvites: one verification (INV-03, pure-JS noble P-256): ${inv.toFixed(2)} ms, ${(1000 / inv).toFixed(0)}/s`);
  const raw = await time(200, () => p256.verify(new Uint8Array(64), new Uint8Array(32), p256.getPublicKey(secret)));
  console.log(`  (of which a bare p256.verify: ${raw.toFixed(2)} ms)`);

  const n = 20_000;
  const h = await time(n, () => memberHash(`user${Math.random()}@acme.com`, 'standup'));
  console.log(`\nmember hashes (MAN-05): ${(1000 / h / 1e6).toFixed(2)} million guesses/s on one core (pure JS); a GPU does about 2e10`);
}
