// Finds a real safety-code collision, the attack of spec/06-safety-code.md 6.6, and writes the
// certificate it found to vectors/fixtures/certs/mallory-ground.crt.pem. A machine in the middle
// between Alice and Bob shows Bob its own certificate M2 (mallory) and must show Alice a
// certificate M1 with SAS(alice, M1) = SAS(M2, bob). It re-signs mallory's certificate body with
// mallory's key until the code matches: ECDSA signatures are randomised, so every signature is a
// new, valid, self-signed certificate with a new fingerprint. The vectors (vectors/gen/sas.ts)
// then show both legs giving the same four symbols.
//   npx tsx scripts/grind-sas-collision.ts        (skips when the fixture exists; --force redoes it)
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const CERTS = new URL('../vectors/fixtures/certs/', import.meta.url).pathname;
const OUT = `${CERTS}mallory-ground.crt.pem`;

export const pemToDer = (pem: string): Buffer => Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64');
const derToPem = (der: Buffer): string => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/** One DER element at `at`: where its content starts and ends. */
function element(der: Buffer, at: number): { start: number; end: number } {
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | der[at + 2 + i]!;
    start += n;
  }
  return { start, end: start + len };
}

const derLength = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const derSequence = (...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
};

/** The to-be-signed body and signature algorithm of a certificate, to re-sign. */
export function splitCertificate(der: Buffer): { tbs: Buffer; algorithm: Buffer } {
  const outer = element(der, 0);
  const tbs = element(der, outer.start);
  const alg = element(der, tbs.end);
  return { tbs: der.subarray(outer.start, tbs.end), algorithm: der.subarray(tbs.end, alg.end) };
}

/** A certificate with the same body, freshly signed (a new valid self-signature each call). */
export function resign(tbs: Buffer, algorithm: Buffer, key: ReturnType<typeof createPrivateKey>): Buffer {
  const sig = sign('sha256', tbs, key); // DER ECDSA-Sig-Value; randomised nonce
  const bitString = Buffer.concat([Buffer.from([0x03]), derLength(sig.length + 1), Buffer.from([0x00]), sig]);
  return derSequence(tbs, algorithm, bitString);
}

export const fingerprint = (der: Buffer): string => createHash('sha256').update(der).digest('hex').replace(/(..)(?!$)/g, '$1:');

/** The first `n` safety-code indices of a pair of canonical fingerprints (spec 6.2). */
export function sasIndices(a: string, b: string, n = 4): number[] {
  const pair = [a, b].sort().join('|');
  const d = createHash('sha256').update(pair, 'utf8').digest();
  return Array.from(d.subarray(0, n), (x) => x & 0x1f);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (existsSync(OUT) && !process.argv.includes('--force')) {
    console.log(`${OUT} exists; --force to grind again`);
    process.exit(0);
  }
  const der = (who: string) => pemToDer(readFileSync(`${CERTS}${who}.crt.pem`, 'utf8'));
  const A = fingerprint(der('alice'));
  const B = fingerprint(der('bob'));
  const M2 = fingerprint(der('mallory'));
  const target = sasIndices(M2, B).join(',');
  const { tbs, algorithm } = splitCertificate(der('mallory'));
  const key = createPrivateKey(readFileSync(`${CERTS}mallory.key.pem`, 'utf8'));
  const started = performance.now();
  for (let trial = 1; ; trial++) {
    const m1 = resign(tbs, algorithm, key);
    if (sasIndices(A, fingerprint(m1)).join(',') === target) {
      const s = (performance.now() - started) / 1000;
      writeFileSync(OUT, derToPem(m1));
      console.log(`collision after ${trial} trials in ${s.toFixed(1)} s (${Math.round(trial / s)} trials/s): indices ${target}`);
      console.log(`M1 ${fingerprint(m1)}`);
      break;
    }
    if (trial % 200_000 === 0) console.log(`${trial} trials, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
