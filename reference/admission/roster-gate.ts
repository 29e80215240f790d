// The verified-roster share gate [RGATE-01..RGATE-06]: every peer checks every peer against the
// committed roster before content flows. Pure: it is fed the identities already verified
// (chapter 5, against each data connection's live certificate) and decides who is cleared.
import { canonicalIdentity } from './identity.ts';

export type PeerState = 'pending' | 'verified' | 'rejected';

export interface RosterGateInput {
  members?: readonly string[] | null;
  domains?: readonly string[] | null;
  /** Our own verified identity, or null until we have one. */
  self?: string | null;
  /** Present peers (not us), each with the identity verified so far or null. */
  peers?: readonly { id: string; identity?: string | null }[];
}

export interface RosterGateView {
  active: boolean;
  selfVerified: boolean;
  peers: { id: string; state: PeerState }[];
  canShare: boolean;
  compromised: boolean;
}

/** [RGATE-03] Exact canonical member, or the part after the last '@' is a listed domain. */
export function onRoster(members: readonly string[], domains: readonly string[], identity: string | null | undefined): boolean {
  if (!identity) return false;
  const id = canonicalIdentity(identity);
  if (members.some((m) => canonicalIdentity(m) === id)) return true;
  const at = id.lastIndexOf('@');
  if (at < 0) return false;
  const dom = id.slice(at + 1);
  return domains.some((d) => canonicalIdentity(d).replace(/^@/, '') === dom);
}

export function evaluateRosterGate(input: RosterGateInput): RosterGateView {
  const members = input.members ?? [];
  const domains = input.domains ?? [];
  // Inert without a roster: everything may flow [RGATE-01].
  if (members.length === 0 && domains.length === 0) return { active: false, selfVerified: true, peers: [], canShare: true, compromised: false };
  const selfVerified = onRoster(members, domains, input.self);
  const peers = (input.peers ?? []).map((p): { id: string; state: PeerState } => {
    if (p.identity === null || p.identity === undefined) return { id: p.id, state: 'pending' }; // [RGATE-02]
    return { id: p.id, state: onRoster(members, domains, p.identity) ? 'verified' : 'rejected' };
  });
  return {
    active: true,
    selfVerified,
    peers,
    canShare: selfVerified && peers.every((p) => p.state === 'verified'), // [RGATE-04]
    compromised: peers.some((p) => p.state === 'rejected'),
  };
}

/** Is this one peer cleared to exchange content with us? Inactive: everyone [RGATE-05]. */
export function peerCleared(view: RosterGateView, id: string): boolean {
  if (!view.active) return true;
  return view.peers.find((p) => p.id === id)?.state === 'verified';
}

/** Content kinds that bypass the receive filter: how a peer becomes verified, and grants [RGATE-06]. */
export const UNGATED_RECEIVE_KINDS: readonly string[] = ['idtoken', 'caps'];

/** [RGATE-05] Sending: a broadcast needs canShare; a directed message needs that peer cleared. */
export const mayBroadcast = (view: RosterGateView): boolean => !view.active || view.canShare;
export const maySendTo = (view: RosterGateView, peer: string): boolean => peerCleared(view, peer);
/** [RGATE-06] Receiving: content from a peer that is not cleared is dropped, except the ungated kinds. */
export const mayReceive = (view: RosterGateView, from: string, kind: string): boolean => UNGATED_RECEIVE_KINDS.includes(kind) || peerCleared(view, from);
