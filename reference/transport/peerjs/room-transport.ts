// The presence transport seam (reference/presence/transport.ts) over a real PeerJS broker and
// real WebRTC: claim = register the authority id [SIG-20], connect = a presence peer dialling it
// [SIG-22]. Every Peer shares one options object, hence one broker [SIG-26] and one certificate
// [BIND-04]. The extra methods let tests and applications read what users would compare.
import type { PeerOptions } from 'peerjs';
import { BROKER_ID_PATTERN, PEER_ID_PREFIX } from '../../room/normalize.ts';
import type { RoomTransport } from '../../presence/transport.ts';
import { authorityTransport, type PeerJsAuthority } from './authority.ts';
import { clientTransport, type PeerJsClient } from './client.ts';
import type { ConnectionSafety } from './fingerprints.ts';
import { insecureBroker, peerOptions, type PeerJsTransportOptions } from './options.ts';
import { registerPeer } from './register.ts';

export interface PeerJsRoomTransport extends RoomTransport {
  claim(roomId: string): Promise<{ transport: PeerJsAuthority } | 'taken' | 'error'>;
  connect(roomId: string): PeerJsClient;
  /** The canonical fingerprint of the certificate this peer presents on every connection. */
  readonly localFingerprint: string;
  /** Why the last claim was not won (a `signaling.*` code), for diagnostics. */
  lastClaimError(): string | null;
  /** Safety codes of this peer's live presence connections, keyed by the remote broker id. */
  safety(): Map<string, ConnectionSafety>;
  /** This peer's presence id while it is a participant (its connection id at the coordinator). */
  presenceId(): string | null;
  /**
   * Closes every Peer this transport created and refuses new ones; a claim still in flight is
   * released when it lands. The presence engine closes what it knows; this also catches a claim
   * won after the room was closed.
   */
  closeAll(): void;
}

/** Throws on a configuration that would talk to a remote broker in clear [SIG-27]. */
export function createPeerJsRoomTransport(options: PeerJsTransportOptions): PeerJsRoomTransport {
  const insecure = insecureBroker(options);
  if (insecure) throw new Error(insecure);
  const peerOpts: PeerOptions = peerOptions(options);
  const authorities = new Set<PeerJsAuthority>();
  const clients = new Set<PeerJsClient>();
  let lastError: string | null = null;
  let shut = false;

  const live = <T extends { closed: boolean }>(set: Set<T>): T[] => {
    for (const t of set) if (t.closed) set.delete(t);
    return [...set];
  };

  return {
    localFingerprint: options.certificate.fingerprint,
    async claim(roomId: string): Promise<{ transport: PeerJsAuthority } | 'taken' | 'error'> {
      const id = PEER_ID_PREFIX + roomId;
      if (!BROKER_ID_PATTERN.test(id)) {
        lastError = 'signaling.invalid-id'; // [SIG-03]; the engine refuses such rooms first [ROOM-06]
        return 'error';
      }
      if (shut) return 'error';
      const r = await registerPeer(id, peerOpts, options.registerTimeoutMs);
      if (r.ok && shut) {
        authorityTransport(r.value).close(); // won after closeAll(): give the id back at once
        return 'error';
      }
      if (!r.ok) {
        lastError = r.error.code;
        return r.error.code === 'signaling.id-taken' ? 'taken' : 'error';
      }
      lastError = null;
      const t = authorityTransport(r.value);
      authorities.add(t);
      return { transport: t };
    },
    connect(roomId: string) {
      const c = clientTransport(PEER_ID_PREFIX + roomId, peerOpts, options.registerTimeoutMs);
      if (shut) c.close();
      else clients.add(c);
      return c;
    },
    lastClaimError: () => lastError,
    safety() {
      const out = new Map<string, ConnectionSafety>();
      for (const a of live(authorities)) for (const [k, v] of a.safety()) out.set(k, v);
      for (const c of live(clients)) {
        const s = c.safety();
        if (s) out.set(c.authorityId, s);
      }
      return out;
    },
    presenceId() {
      for (const c of live(clients)) {
        const id = c.presenceId();
        if (id) return id;
      }
      return null;
    },
    closeAll() {
      shut = true;
      for (const a of authorities) a.close();
      for (const c of clients) c.close();
      authorities.clear();
      clients.clear();
    },
  };
}
