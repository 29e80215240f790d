// Reading both certificates of a live PeerJS data connection in Node [SAS-01..SAS-03]: the remote
// one from the DTLS handshake (native libdatachannel, never the remote SDP), the local one from
// our own local SDP. These feed the identity gate, the host-command binding and the safety code.
import type { DataConnection } from 'peerjs';
import { canonicalFingerprint } from '../../certbinding/fingerprint.ts';
import { safetyCode } from '../../sas/code.ts';
import { localFingerprintFromSdp } from '../../sas/fingerprint-source.ts';
import { nativeOf } from './environment.ts';

/** Canonical fingerprint of the certificate the remote presented, or null before the handshake. */
export function liveRemoteFingerprint(conn: DataConnection | undefined): string | null {
  const native = nativeOf(conn?.peerConnection);
  if (!native) return null;
  try {
    const fp = native.remoteFingerprint();
    // Before DTLS completes libdatachannel answers {value: '', algorithm: 'sha-1'}.
    if (!fp || fp.algorithm !== 'sha-256' || !fp.value) return null;
    return canonicalFingerprint(fp.value);
  } catch {
    return null; // a closed connection
  }
}

/** Canonical fingerprint of the certificate we present, from our local SDP [SAS-03]. */
export function localFingerprint(conn: DataConnection | undefined): string | null {
  try {
    const sdp = conn?.peerConnection?.localDescription?.sdp;
    if (!sdp) return null;
    const fp = localFingerprintFromSdp(sdp);
    return fp.ok ? fp.value : null;
  } catch {
    return null;
  }
}

export interface ConnectionSafety {
  /** The 4-symbol code both ends must see [SAS-08]. */
  code: string;
  indices: number[];
  local: string;
  /** The full remote fingerprint, for users who need more than 20 bits [SAS-17]. */
  remote: string;
}

/** The safety code of one connection, or null while either fingerprint is unavailable [SAS-10]. */
export function connectionSafety(conn: DataConnection | undefined): ConnectionSafety | null {
  const local = localFingerprint(conn);
  const remote = liveRemoteFingerprint(conn);
  if (!local || !remote) return null;
  const sas = safetyCode(local, remote);
  return sas.ok ? { code: sas.value.code, indices: sas.value.indices, local, remote } : null;
}
