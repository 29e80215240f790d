// Judging a safety code an implementation reports for one presence connection against what the
// observer saw on that connection's wire: its own certificate (what the implementation must call
// remote) and the certificate the implementation presented (what it must call local).
import { createHash } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import { sasSymbols } from '../../oracles/sas.ts';
import type { SafetyView } from '../../../schemas/src/peer-control.ts';
import { expectedCode, fail } from './common.ts';

/** The code of the pair string built without ordering the fingerprints (the SAS-05 bug class). */
function unorderedIndices(local: string, remote: string): number[] {
  const d = createHash('sha256').update(`${local}|${remote}`, 'utf8').digest();
  return [...d.subarray(0, 4)].map((b) => b & 0x1f);
}

/**
 * Null when the reported code is the one both ends must show for (implementation's certificate,
 * observer's certificate); otherwise the failure, naming the step of chapter 6 that went wrong.
 */
export function judgeSafety(reported: SafetyView | undefined, onWire: { implFp: string; observerFp: string }, what: string): RawResult | null {
  if (!reported) return fail('SAS-10', `${what}: the implementation shows no safety code although both certificates of the live connection are known`);
  if (reported.remoteFp !== onWire.observerFp) {
    return fail('SAS-01', `${what}: the remote fingerprint the implementation uses is not the certificate the observer presented in the DTLS handshake`, { expected: onWire.observerFp, actual: reported.remoteFp });
  }
  if (reported.localFp !== onWire.implFp) {
    return fail('SAS-03', `${what}: the local fingerprint the implementation uses is not the certificate it presented on this connection`, { expected: onWire.implFp, actual: reported.localFp });
  }
  const want = expectedCode(onWire.implFp, onWire.observerFp);
  if (JSON.stringify(reported.indices) !== JSON.stringify(want.indices)) {
    const unordered = unorderedIndices(reported.localFp, reported.remoteFp);
    const req = JSON.stringify(reported.indices) === JSON.stringify(unordered) ? 'SAS-05' : 'SAS-07';
    return fail(req, `${what}: the safety code differs from the one the other end derives${req === 'SAS-05' ? ' (the fingerprints were joined in local|remote order, not sorted)' : ''}`, {
      expected: want,
      actual: { code: reported.code, indices: reported.indices },
    });
  }
  const symbols = sasSymbols();
  const shown = reported.indices.map((i) => symbols[i]).join(' ');
  if (reported.code !== shown) return fail('SAS-09', `${what}: the code is not its symbols separated by single spaces`, { expected: shown, actual: reported.code });
  return null;
}
