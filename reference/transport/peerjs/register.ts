// Registering an id with the broker, with the three outcomes of the claim [SIG-20]: ok (OPEN),
// taken (ID-TAKEN, PeerJS `unavailable-id`) or error (anything else, or nothing within 8 s).
// Every outcome other than ok destroys the Peer before it is reported [SIG-21].
import type { Peer, PeerOptions } from 'peerjs';
import { fail, ok, type Result } from '../../result.ts';
import { loadPeerJs } from './environment.ts';
import { REGISTER_TIMEOUT_MS } from './options.ts';
import { newSocketToken } from '../../messages/socket-token.ts';

export type Registered = Result<Peer>;

/**
 * Registers `id` (or, when undefined, an id the broker assigns through GET <path><key>/id
 * [SIG-07]). Resolves with the open Peer, or a failure coded `signaling.id-taken`,
 * `signaling.broker-error`, `signaling.claim-timeout` or `signaling.invalid-id`.
 */
export async function registerPeer(id: string | undefined, options: PeerOptions, timeoutMs = REGISTER_TIMEOUT_MS): Promise<Registered> {
  const { Peer } = await loadPeerJs();
  // A fresh 128-bit token per registration, kept by PeerJS for its re-registrations [SIG-01];
  // PeerJS's own comes from Math.random (MSG-11).
  const opts: PeerOptions = { ...options, token: newSocketToken() };
  let peer: Peer;
  try {
    peer = id === undefined ? new Peer(opts) : new Peer(id, opts);
  } catch (e) {
    return fail('signaling.broker-error', `PeerJS refused to start: ${(e as Error).message}`);
  }
  const outcome = await new Promise<Registered>((resolve) => {
    const timer = setTimeout(() => resolve(fail('signaling.claim-timeout', `no OPEN, ID-TAKEN or ERROR within ${timeoutMs} ms`)), timeoutMs);
    peer.once('open', () => {
      clearTimeout(timer);
      resolve(ok(peer));
    });
    peer.once('error', (e) => {
      clearTimeout(timer);
      const type = (e as { type?: string }).type;
      if (type === 'unavailable-id') resolve(fail('signaling.id-taken', `${id} is registered by another peer`));
      else if (type === 'invalid-id') resolve(fail('signaling.invalid-id', `${JSON.stringify(id)} is not a valid peer id`));
      else resolve(fail('signaling.broker-error', `${type ?? 'error'}: ${(e as Error).message}`));
    });
  });
  if (!outcome.ok) {
    peer.removeAllListeners();
    peer.on('error', () => {}); // late errors of a discarded Peer go nowhere
    try {
      peer.destroy();
    } catch {
      /* already gone */
    }
  }
  return outcome;
}

/**
 * Keeps a registration alive across broker socket drops by re-registering with the same token
 * [SIG-23]. Returns the stopper, which must run before the Peer is destroyed on purpose [SIG-25].
 */
export function keepRegistered(peer: Peer): () => void {
  let stopped = false;
  const reconnect = () => {
    if (stopped || peer.destroyed || !peer.disconnected) return;
    try {
      peer.reconnect();
    } catch {
      /* destroyed or already reconnecting */
    }
  };
  peer.on('disconnected', reconnect);
  return () => {
    stopped = true;
    peer.off('disconnected', reconnect);
  };
}
