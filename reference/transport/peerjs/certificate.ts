// A fresh self-signed ECDSA P-256 certificate per call [SAS-18], pinned on every connection of
// that call [BIND-04], the way a browser pins one RTCCertificate in RTCConfiguration.certificates.
// The DER is assembled here because Node can sign but not build X.509. The PEMs stay in memory:
// libdatachannel reads PEM text where it would read a file name (options.ts), so no file can be
// missing, half-written or removed under a connection that is still being set up.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fingerprintOfBytes } from '../../sas/fingerprint-source.ts';
import { derTime, derUnsignedInteger, seq, tlv } from './der.ts';

export interface CallCertificate {
  /** The certificate, PEM. */
  certificatePem: string;
  /** Its private key, PEM. */
  keyPem: string;
  /** Canonical fingerprint (CONV-10) of the certificate, as remote peers compute it. */
  fingerprint: string;
}

const OID_CN = Uint8Array.of(0x06, 0x03, 0x55, 0x04, 0x03);
// ecdsa-with-SHA256, 1.2.840.10045.4.3.2
const ALG_ECDSA_SHA256 = seq(Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
const DAY_MS = 86_400_000;

const name = (cn: string) => seq(tlv(0x31, seq(OID_CN, tlv(0x0c, Buffer.from(cn, 'utf8')))));

/** The DER of a v3 self-signed certificate for a new P-256 key, and that key as PEM. */
export function selfSigned(commonName: string, serial: Uint8Array = randomBytes(16), now = Date.now()): { der: Uint8Array; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Uint8Array.of(2))), // version v3
    derUnsignedInteger(serial),
    ALG_ECDSA_SHA256,
    name(commonName),
    seq(derTime(new Date(now - DAY_MS)), derTime(new Date(now + 30 * DAY_MS))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const der = seq(tbs, ALG_ECDSA_SHA256, tlv(0x03, Uint8Array.of(0), signature));
  return { der, keyPem: privateKey.export({ type: 'sec1', format: 'pem' }) as string };
}

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

/** Generates a new certificate for one call [SAS-18]. */
export function freshCallCertificate(commonName = 'kibitz'): CallCertificate {
  const { der, keyPem } = selfSigned(commonName);
  const certificatePem = pem(der);
  // A certificate the TLS stack cannot load ends every connection of the call before it starts:
  // read it back with a strict parser here, where the bug would be ours.
  const fingerprint = fingerprintOfBytes(der);
  if (fingerprintOfBytes(new X509Certificate(certificatePem).raw) !== fingerprint) throw new Error('generated certificate does not read back');
  return { certificatePem, keyPem, fingerprint };
}

/** Uses a certificate the caller keeps in files (tests pin known identities this way). */
export function certificateFromFiles(certificatePemFile: string, keyPemFile: string): CallCertificate {
  const certificatePem = readFileSync(certificatePemFile, 'utf8');
  const keyPem = readFileSync(keyPemFile, 'utf8');
  const x = new X509Certificate(certificatePem);
  createPrivateKey(keyPem); // fail early on an unreadable key
  return { certificatePem, keyPem, fingerprint: fingerprintOfBytes(x.raw) };
}
