// How grants travel (spec/13-agents.md 13.5): the coordinator's override map rides an unsigned
// `caps` content frame; receivers apply it only from the room's verified host in rooms with a
// cryptographic host tier; the coordinator binds a manifest's per-agent caps to the roster member
// presenting the certificate the agent's assertion named.
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { canonicalFingerprint, readableFingerprint } from '../certbinding/fingerprint.ts';
import { intersectGrant, sanitizeGrant, type Grant } from './grant.ts';
import { grantOf, isAgent, type GrantView } from './policy.ts';

/** What a receiver knows when a `caps` frame arrives [CAPS-03]. */
export interface CapsContext {
  /** The roster's `host` (the verified host's media id, or ''). */
  host: string;
  /** The room commits a host key or a host e-mail (not only a soft host name). */
  cryptographicHost: boolean;
  /** This peer is the room's coordinator. */
  coordinator: boolean;
}

/**
 * [CAPS-03] The override map a `caps` frame from `from` installs, or null when the receiver must
 * ignore it. The map replaces the receiver's whole map; each entry is sanitized [GRANT-05].
 */
export function receiveCaps(ctx: CapsContext, from: string, msg: JsonValue): Map<string, Grant> | null {
  if (!isJsonObject(msg) || msg.k !== 'caps') return null;
  if (!ctx.cryptographicHost || ctx.host === '' || from !== ctx.host || ctx.coordinator) return null;
  const grants = msg.grants ?? {};
  if (!isJsonObject(grants)) return null; // not an object: dropped as a bad field [CONT-04]
  return new Map(Object.entries(grants).map(([id, g]) => [id, sanitizeGrant(g)]));
}

/** The frame a coordinator sends for its override map [CAPS-02]. */
export function capsFrame(overrides: ReadonlyMap<string, Grant>): JsonObject {
  const grants: JsonObject = {};
  for (const [id, g] of overrides) grants[id] = g;
  return { k: 'caps', grants };
}

/**
 * [CAPS-02] Whether the coordinator broadcasts its map now: only a coordinator; after every change
 * of the map (even to empty); after a roster change only while the map holds an override.
 */
export function shouldDistribute(coordinator: boolean, trigger: 'change' | 'roster', overrides: ReadonlyMap<string, Grant>): boolean {
  if (!coordinator) return false;
  return trigger === 'change' || overrides.size > 0;
}

/** Two grants confer the same capabilities when their perceive and act sets are equal. */
export function sameCapabilities(a: Grant, b: Grant): boolean {
  const set = (xs: string[]) => [...new Set(xs)].sort().join(',');
  return set(a.perceive) === set(b.perceive) && set(a.act) === set(b.act);
}

/**
 * [CAPS-05] The coordinator's binding of manifest caps: `byFp` holds, per canonical certificate
 * fingerprint, the caps recorded when an agent's assertion was accepted [PRES-104]; `fps` the live
 * remote fingerprint of each member's data connection. Returns the overrides to set, in roster
 * order: every agent member whose fingerprint has a record and whose current grant differs.
 */
export function bindAgentCaps(view: GrantView, byFp: ReadonlyMap<string, Grant>, fps: ReadonlyMap<string, string | null>): { id: string; grant: Grant }[] {
  const out: { id: string; grant: Grant }[] = [];
  if (byFp.size === 0) return out;
  const seen = new Set<string>(); // a roster that lists an id twice is read with its first member only (13.8)
  for (const m of view.roster) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    if (m.id === view.self || !isAgent(view, m.id)) continue;
    const fp = fps.get(m.id);
    if (!readableFingerprint(fp)) continue;
    const caps = byFp.get(canonicalFingerprint(fp));
    if (!caps) continue;
    if (!sameCapabilities(grantOf(view, m.id), caps)) out.push({ id: m.id, grant: caps });
  }
  return out;
}

/**
 * [CAPS-07] The overrides a peer that is not the coordinator uses: for a media id in both its own
 * map and the received one, the intersection of its own (as the request) and the received; else
 * whichever has it. Received ids first, in their order, then ids only its own user set.
 */
export function mergeOverrides(own: ReadonlyMap<string, Grant>, received: ReadonlyMap<string, Grant>): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const [id, g] of received) {
    const mine = own.get(id);
    out.set(id, mine ? intersectGrant(mine, g) : g);
  }
  for (const [id, g] of own) if (!out.has(id)) out.set(id, g);
  return out;
}

/** [CAPS-08] Media ids whose grant in force gains a capability when `next` replaces `previous`. */
export function widened(view: GrantView, previous: ReadonlyMap<string, Grant>, next: ReadonlyMap<string, Grant>): string[] {
  const before: GrantView = { ...view, overrides: previous };
  const after: GrantView = { ...view, overrides: next };
  const ids = [...next.keys()];
  return ids.filter((id) => {
    const a = grantOf(after, id);
    const b = grantOf(before, id);
    return a.perceive.some((c) => !b.perceive.includes(c)) || a.act.some((c) => !b.act.includes(c));
  });
}
