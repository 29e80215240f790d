// A fresh self-signed ECDSA P-256 certificate per call [SAS-18], pinned on every connection of
// that call [BIND-04], the way a browser pins one RTCCertificate in RTCConfiguration.certificates.
// node-datachannel reads certificates from files, so the PEMs go to a private temporary folder
// that dispose() removes. The DER is assembled here because Node can sign but not build X.509.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintOfBytes } from '../../sas/fingerprint-source.ts';

export interface CallCertificate {
  certificatePemFile: string;
  keyPemFile: string;
  /** Canonical fingerprint (CONV-10) of the certificate, as remote peers compute it. */
  fingerprint: string;
  /** Removes generated files; a no-op for certificates loaded from the caller's files. */
  dispose(): void;
}

// --- minimal DER ----------------------------------------------------------------------------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const OID_CN = Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]);
// ecdsa-with-SHA256, 1.2.840.10045.4.3.2
const ALG_ECDSA_SHA256 = seq(Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]));

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

const name = (cn: string) => seq(tlv(0x31, seq(OID_CN, tlv(0x0c, Buffer.from(cn, 'utf8')))));

function selfSigned(commonName: string): { certPem: string; keyPem: string; der: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // a positive INTEGER
  const now = Date.now();
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version v3
    tlv(0x02, serial),
    ALG_ECDSA_SHA256,
    name(commonName),
    seq(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 30 * 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const der = seq(tbs, ALG_ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'sec1', format: 'pem' }) as string,
    der,
  };
}

/** Generates a new certificate for one call [SAS-18]. */
export function freshCallCertificate(commonName = 'kibitz'): CallCertificate {
  const { certPem, keyPem, der } = selfSigned(commonName);
  const dir = mkdtempSync(join(tmpdir(), 'kbz-cert-'));
  const certificatePemFile = join(dir, 'cert.pem');
  const keyPemFile = join(dir, 'key.pem');
  writeFileSync(certificatePemFile, certPem);
  writeFileSync(keyPemFile, keyPem, { mode: 0o600 });
  return {
    certificatePemFile,
    keyPemFile,
    fingerprint: fingerprintOfBytes(der),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Uses a certificate the caller keeps (tests pin known identities this way). */
export function certificateFromFiles(certificatePemFile: string, keyPemFile: string): CallCertificate {
  const x = new X509Certificate(readFileSync(certificatePemFile));
  createPrivateKey(readFileSync(keyPemFile)); // fail early on an unreadable key
  return {
    certificatePemFile,
    keyPemFile,
    fingerprint: fingerprintOfBytes(x.raw),
    dispose: () => {},
  };
}
