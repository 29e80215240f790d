// The capability hook of the data plane (spec/14-data-plane.md 14.6, 14.9). Chapter 13 decides
// who may perceive and who may act; this chapter only asks. A receiver asks `mayAct` before it
// accepts content from a sender [CONT-05]; a sender asks `mayReceive` before it includes a
// recipient in a broadcast or a directed send [CONT-07]. The default, a human's grant, allows
// everything, so a room without grants behaves exactly like upstream.

/** What a content kind needs the recipient to perceive (upstream's `capForKind` and friends). */
export type Perceive = 'read-chat' | 'read-media' | 'read-files' | 'receive-directed';

export interface CapabilityPolicy {
  /** May `peer` receive content of this kind (sender-side choice of recipients)? */
  mayReceive(peer: string, need: Perceive): boolean;
  /** May `peer` emit content of kind `k` (receiver-side act check)? */
  mayAct(peer: string, k: string): boolean;
}

export const EVERYTHING: CapabilityPolicy = { mayReceive: () => true, mayAct: () => true };

/** Kinds that bypass the act check: they are how a peer proves identity or receives grants [CONT-05]. */
export const ACT_EXEMPT: ReadonlySet<string> = new Set(['idtoken', 'caps']);

/** The perceive capability a broadcast of this content needs from each recipient [CONT-07]. */
export function perceiveFor(k: string, xferKind?: string): Perceive | null {
  if (k === 'img') return 'read-media';
  if (k === 'xbegin') return xferKind === 'image' ? 'read-media' : xferKind === 'file' ? 'read-files' : 'read-chat';
  if (k === 'chat' || k === 'app' || k === 'pay' || k === 'ink' || k === 'schema' || k === 'widget' || k === 'wevt') return 'read-chat';
  return null; // ledger, chatledger, ctl, blob*, idtoken, caps and transfer control: raw mesh, never withheld
}

/**
 * The recipients of a broadcast: every rostered peer other than self that may perceive it. A
 * directed send additionally needs `receive-directed` [CONT-07].
 */
export function recipients(policy: CapabilityPolicy, self: string, roster: readonly string[], need: Perceive | null, to?: string): string[] {
  const others = roster.filter((id) => id !== self && (to === undefined || id === to));
  return others.filter((id) => (need === null || policy.mayReceive(id, need)) && (to === undefined || policy.mayReceive(id, 'receive-directed')));
}
