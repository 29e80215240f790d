// The capability hook of the data plane (spec/14-data-plane.md 14.6). Chapter 13 is the one rule
// for who receives what a peer sends [CONT-07] and whose content a receiver keeps [CONT-05]; this
// file only adapts it. A data plane given no grants uses chapter 13 with an empty override map
// over a roster that declares no agents: humans, who perceive and act everything.
import type { TransferKind } from '../agents/policy.ts';
import { ACT_EXEMPT, grantPolicy, type CapabilityPolicy } from '../agents/policy.ts';

export { ACT_EXEMPT, grantPolicy, type CapabilityPolicy };

/** What a content receiver asks: the act check alone [CONT-05]. */
export type ActPolicy = Pick<CapabilityPolicy, 'mayAct'>;

/** Every sender may act: a receiver told so (content.receive's `senderMayAct`), or one without grants. */
export const EVERYONE_ACTS: ActPolicy = { mayAct: () => true };
/** No sender may act, except by the exemptions the receiver applies itself [CAPS-15]. */
export const NOBODY_ACTS: ActPolicy = { mayAct: () => false };

/** Chapter 13 for a room of humans: a broadcast reaches every other present peer, a directed send its one recipient. */
export function humansPolicy(self: () => string, roster: () => readonly string[]): CapabilityPolicy {
  return grantPolicy(() => ({ self: self(), roster: roster().map((id) => ({ id })), overrides: new Map(), now: Math.floor(Date.now() / 1000) }));
}

/** The transfer kind a transfer's frame (`xbegin`, `xchunk`, `xend`) is judged by; text when none is named [CONT-33]. */
export function transferOf(k: string, kind: unknown): TransferKind | undefined {
  if (k !== 'xbegin' && k !== 'xchunk' && k !== 'xend') return undefined;
  return kind === 'image' || kind === 'file' ? kind : 'text';
}
