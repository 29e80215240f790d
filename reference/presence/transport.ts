// The transport seam (reference/presence/README.md): everything the presence engine needs from
// a network, and nothing more. The in-memory bus (local-bus.ts) implements it for tests; a
// PeerJS transport implements it for browsers and Node. Liveness, backoff and every timer live
// in the sans-IO machines, not here, so a transport only moves frames and reports link events.
import type { JsonObject } from '../encoding/json.ts';

/** The outcome of registering the room's authority id `kbz-v1-<room id>` with the broker. */
export type ClaimResult = { transport: AuthorityTransport } | 'taken' | 'error';

export interface RoomTransport {
  /**
   * Try to register the authority id of `roomId` (a room id, ROOM-01; the transport adds the
   * `kbz-v1-` prefix). Resolve `{transport}` when registered, `'taken'` when another peer holds
   * it (PeerJS `unavailable-id`), `'error'` for anything else. It may never resolve: the room
   * machine gives up after CLAIM_TIMEOUT_MS and closes a late winner itself.
   */
  claim(roomId: string): Promise<ClaimResult>;
  /** A participant endpoint for `roomId` (one broker registration with a random id). */
  connect(roomId: string): ClientTransport;
}

/** The coordinator's side: one connection per participant, keyed by the remote broker id. */
export interface AuthorityTransport {
  onConnect(h: (conn: string) => void): void;
  /** `msg` is whatever the remote sent, already decoded; the machine validates it. */
  onMessage(h: (conn: string, msg: unknown) => void): void;
  onDisconnect(h: (conn: string) => void): void;
  /** Our authority id was taken over by someone else (PeerJS `unavailable-id` after a reconnect). */
  /** The authority id was taken over while we held it; the reason is the spec code
   *  `signaling.authority-reclaimed` (SIG-24). */
  onGone(h: (reason: string) => void): void;
  send(conn: string, msg: JsonObject): void;
  /** Canonical fingerprint of the certificate the remote presented on this connection, or null. */
  remoteFingerprint(conn: string): Promise<string | null>;
  /** Unregister the authority id and close every connection. */
  close(): void;
}

/** The participant's side: dials the coordinator; at most one connection at a time. */
export interface ClientTransport {
  /** Open a fresh presence connection to the coordinator, closing (silently) any previous one. */
  dial(): void;
  onOpen(h: () => void): void;
  onMessage(h: (msg: unknown) => void): void;
  /** The current connection failed to open, closed, or errored. */
  onClosed(h: () => void): void;
  /** The broker says nobody holds the authority id (PeerJS `peer-unavailable`); the argument is the
   *  spec code `signaling.peer-unavailable` (SIG-11). */
  onUnavailable(h: (code: string) => void): void;
  /** Sends on the current connection if it is open; dropped otherwise. */
  send(msg: JsonObject): void;
  /** Close the connection and the endpoint (its broker registration). */
  close(): void;
}
