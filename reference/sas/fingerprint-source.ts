// Where the two fingerprints come from [SAS-01..SAS-03]: the remote one from the certificate
// actually used in the DTLS handshake (exactly one), never from the remote SDP; the local one
// from our own SDP.
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64url } from '../encoding/base64url.ts';
import { lowerUnicode } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';

/** Lower-case hex, two digits per byte, joined by ':' [CONV-10]. */
export const fingerprintOfBytes = (der: Uint8Array): string =>
  Array.from(sha256(der), (b) => b.toString(16).padStart(2, '0')).join(':');

/** From getRemoteCertificates(): exactly one DER certificate, or no fingerprint at all [SAS-02]. */
export function remoteFingerprint(certificates: readonly Uint8Array[]): Result<string> {
  if (certificates.length !== 1) {
    return fail('sas.remote-cert-count', `expected exactly one remote certificate, got ${certificates.length}`);
  }
  const der = certificates[0]!;
  if (der.length === 0) return fail('sas.empty-certificate', 'the remote certificate is empty (a stub, not a certificate)');
  return ok(fingerprintOfBytes(der));
}

/** Adapter form: certificates as base64url DER. */
export function remoteFingerprintFromBase64url(certificates: readonly string[]): Result<string> {
  const ders: Uint8Array[] = [];
  for (const c of certificates) {
    const d = decodeBase64url(c);
    if (!d.ok) return fail('input.invalid', `certificate is not base64url: ${d.error.message}`);
    ders.push(d.value);
  }
  return remoteFingerprint(ders);
}

const LOCAL_FP = /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/;

/** From our own local SDP: the first `a=fingerprint:sha-256` line, lower-cased [SAS-03]. */
export function localFingerprintFromSdp(sdp: string): Result<string> {
  const m = LOCAL_FP.exec(sdp);
  if (!m) return fail('sas.no-local-fingerprint', 'the local SDP has no a=fingerprint:sha-256 line');
  return ok(lowerUnicode(m[1]!));
}
