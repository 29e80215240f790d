// Trophy T6: Chromium's WebCrypto, which upstream verifies ID tokens with, imports a 512-bit RSA
// key and verifies RS256 signatures made with it. Needs Debian's chromium.
//   node scripts/trophies/chromium-rsa-512.mjs        exit 0 when it reproduces
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = createServer((_q, r) => r.end('<html></html>')).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`); // a secure context, for crypto.subtle
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 512 });
const jwk = publicKey.export({ format: 'jwk' });
const sig = sign('sha256', Buffer.from('header.claims'), privateKey).toString('base64');
const verdict = await page.evaluate(async ({ jwk, sig }) => {
  const key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, Uint8Array.from(atob(sig), (c) => c.charCodeAt(0)), new TextEncoder().encode('header.claims'));
}, { jwk, sig });
console.log(`Chromium ${browser.version()}: a 512-bit RSA key imports and verifies: ${verdict}`);
await browser.close();
server.close();
process.exit(verdict ? 0 : 1);
