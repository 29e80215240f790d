// Host-command verification options (issue 16): µs per P-256 verification of a host command's
// signature with the room's host key, which a coordinator verifies again and again. noble one-shot
// (the previous reference), noble with a window table for the hot key (the reference default, pure
// JS, runs in browsers), OpenSSL through node:crypto (synchronous, Node only), and WebCrypto
// (asynchronous: a sans-IO machine cannot wait for it, so it is measured, not used). High-S
// signatures verify on all four [TOK-08]. CPU time, least of several rounds.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createHotKeyVerifier, nobleVerify, type P256Verifier } from '../reference/token/p256-verify.ts';
import { nodeVerify } from '../reference/token/p256-verify-node.ts';

const secret = sha256(new TextEncoder().encode('bench host key'));
const pub = p256.getPublicKey(secret, false);
const msg = new TextEncoder().encode('eyJrIjoia2J6LXYxLWhvc3RjbWQiLCJyb29tIjoic3RhbmR1cCIsIm9wIjoibG9jayJ9');
const sig = p256.sign(msg, secret);

function cpuUs(n: number, f: () => unknown): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / n);
  }
  return best;
}

export async function run(): Promise<string[]> {
  const hot = createHotKeyVerifier({ hotAfter: 1 });
  const rows: [string, number][] = [];
  const sync = (name: string, v: P256Verifier, n: number) => {
    if (!v(sig, msg, pub)) throw new Error(`${name} refused a good signature`);
    rows.push([name, cpuUs(n, () => v(sig, msg, pub))]);
  };
  sync('noble, one-shot (previous)', nobleVerify, 20);
  sync('noble, hot-key table (default)', hot, 60);
  sync('node:crypto (Node only)', nodeVerify, 600);
  const jwk = { kty: 'EC', crv: 'P-256', x: Buffer.from(pub.slice(1, 33)).toString('base64url'), y: Buffer.from(pub.slice(33)).toString('base64url') };
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const n = 600;
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, msg);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / n);
  }
  rows.push(['WebCrypto (async; not usable)', best]);
  const tableUs = cpuUs(3, () => createHotKeyVerifier({ hotAfter: 1 })(sig, msg, pub)); // first use builds the table
  const base = rows[0]![1];
  console.log(`${'P-256 verification'.padEnd(34)}${'CPU µs'.padStart(9)}${'vs one-shot'.padStart(13)}`);
  for (const [name, us] of rows) console.log(`${name.padEnd(34)}${us.toFixed(0).padStart(9)}${`${(base / us).toFixed(1)}x`.padStart(13)}`);
  console.log(`building the hot key's table (once per key, after ${3} uses): ${(tableUs / 1000).toFixed(1)} ms`);
  return [`host-command verification: ${rows[1]![1].toFixed(0)} µs pure JS with the hot-key table (${(base / rows[1]![1]).toFixed(1)}x one-shot noble), ${rows[2]![1].toFixed(0)} µs node:crypto`];
}
