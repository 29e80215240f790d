// Seams of the reference peer that a deliberately broken peer replaces (tests/peer/fixtures/):
// the presence roles, the safety-code derivation and the ID-token verifier. The reference itself
// passes none of them.
import type { verifyIdToken } from '../certbinding/idtoken.ts';
import type { RoleFactories } from '../presence/room.ts';
import type { JoinInput } from './session.ts';

export interface PeerHooks {
  /** Presence roles (a coordinator or participant subclass that breaks one rule). */
  factories?: RoleFactories;
  /** The code shown for a connection, from the local and remote canonical fingerprints. */
  safetyCode?: (localFp: string, remoteFp: string) => { code: string; indices: number[] } | null;
  /** The identity gate's verifier. */
  verifyIdToken?: typeof verifyIdToken;
  /** The name the peer reports in `start` (broken peers name their bug). */
  name?: string;
  /** Told of every peer.join before the peer starts. */
  onJoin?: (input: JoinInput) => void;
}
