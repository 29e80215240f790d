// One-off generator for the fixed key material the vectors and end-to-end tests use. The output is
// committed; vector generation (scripts/gen-vectors.ts) only reads it, so vectors reproduce exactly.
// Run again only to add material: existing files are never overwritten.
//   npx tsx scripts/make-fixtures.ts
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../reference/encoding/text.ts';

const dir = new URL('../vectors/fixtures/', import.meta.url).pathname;
mkdirSync(`${dir}certs`, { recursive: true });

const rsaFile = `${dir}rsa-keys.json`;
if (!existsSync(rsaFile)) {
  const keys: Record<string, unknown> = {};
  for (const name of ['provider-1', 'provider-2', 'rogue']) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    // kid as upstream's e-mail provider derives it: first 16 hex of SHA-256(UTF-8(n)).
    keys[name] = { ...jwk, kid: toHex(sha256(utf8(jwk.n!))).slice(0, 16), alg: 'RS256', use: 'sig' };
  }
  writeFileSync(rsaFile, JSON.stringify({ $comment: 'Fixed RSA test keys. Never use outside tests.', keys }, null, 2) + '\n');
}

// Deliberately weak provider keys for the minimum-modulus vectors [IDT-23]: never use them anywhere.
const weakFile = `${dir}rsa-weak-keys.json`;
if (!existsSync(weakFile)) {
  const keys: Record<string, unknown> = {};
  for (const [name, bits] of [['provider-512', 512], ['provider-1024', 1024]] as const) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const jwk = privateKey.export({ format: 'jwk' });
    keys[name] = { ...jwk, kid: toHex(sha256(utf8(jwk.n!))).slice(0, 16), alg: 'RS256', use: 'sig' };
  }
  writeFileSync(weakFile, JSON.stringify({ $comment: 'Weak RSA test keys (512 and 1024 bits) for IDT-23. Never use outside tests.', keys }, null, 2) + '\n');
}

// Self-signed ECDSA P-256 certificates, as WebRTC stacks generate them, for fingerprint vectors
// and for node-datachannel peers (certificatePemFile/keyPemFile) in the end-to-end tests.
for (const who of ['alice', 'bob', 'carol', 'mallory']) {
  const crt = `${dir}certs/${who}.crt.pem`;
  if (existsSync(crt)) continue;
  const key = `${dir}certs/${who}.key.pem`;
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  execFileSync('openssl', ['req', '-new', '-x509', '-key', key, '-out', crt, '-days', '36500', '-subj', `/CN=kibitz-vectors-${who}`, '-sha256']);
}
console.log('fixtures in', dir);
