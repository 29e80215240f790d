// The agent branch of a coordinator's identity gate (spec/08-presence.md 8.10): which entering
// frames it takes, its size limits, and the decision once the connection's certificate is known.
// Pure: the coordinator owns the state (verified connections, credit expiries) and the requests.
import type { JsonValue } from '../encoding/json.ts';
import { verifyManifest } from '../admission/manifest.ts';
import { canonicalFingerprint } from '../certbinding/fingerprint.ts';
import type { Grant } from './grant.ts';
import { MAX_ASSERTION_CHARS, MAX_CREDIT_CHARS } from './constants.ts';
import { verifyAssertion, type VerifiedAgent } from './assertion.ts';

/** What the agent branch knows, fixed when the coordinator role begins. */
export interface AgentGateConfig {
  /** The room id. */
  room: string;
  /** The `agentKeys` of the link's manifest, verified with no mode pinned; null when none [PRES-104]. */
  agentKeys: JsonValue[] | null;
  /** The room requires declared agents to present a valid credit credential [PRES-100]. */
  credits: boolean;
}

/** The credentials an entering frame presents (non-empty strings only). */
export interface Presented {
  jwt?: string;
  agentAssertion?: string;
  agentCredit?: string;
}

const present = (v: unknown): v is string => typeof v === 'string' && v !== '';

export function presented(frame: { jwt?: unknown; agentAssertion?: unknown; agentCredit?: unknown }): Presented {
  const out: Presented = {};
  if (present(frame.jwt)) out.jwt = frame.jwt;
  if (present(frame.agentAssertion)) out.agentAssertion = frame.agentAssertion;
  if (present(frame.agentCredit)) out.agentCredit = frame.agentCredit;
  return out;
}

/**
 * [PRES-104] The allow-list: the manifest's `agentKeys` when the link's manifest verifies
 * ([MAN-02], no mode pinned) at the start of the role, else none.
 */
export function manifestAgentKeys(gk: JsonValue | undefined, gm: string | undefined, room: string, startS: number): JsonValue[] | null {
  if (gk === undefined || gm === undefined) return null;
  const m = verifyManifest(gm, gk, room, startS);
  if (!m.ok || !Array.isArray(m.value.agentKeys)) return null;
  return m.value.agentKeys;
}

/** [PRES-100] An entering frame that the gate takes even when the room does not require identity. */
export const declaresAgent = (cfg: AgentGateConfig, c: Presented): boolean =>
  c.agentAssertion !== undefined || (cfg.credits && c.agentCredit !== undefined);

/** [PRES-102] A credential over its limit fails at once, without asking for the certificate. */
export function oversize(c: Presented, maxJwt: number): boolean {
  return (c.jwt !== undefined && c.jwt.length > maxJwt) ||
    (c.agentAssertion !== undefined && c.agentAssertion.length > MAX_ASSERTION_CHARS) ||
    (c.agentCredit !== undefined && c.agentCredit.length > MAX_CREDIT_CHARS);
}

/** [PRES-103] An assertion always binds the certificate, whatever the room's human credential does. */
export const holdsWithoutFingerprint = (bindsFingerprint: boolean, c: Presented): boolean =>
  bindsFingerprint || c.agentAssertion !== undefined;

/** The agent branch's decision at the certificate answer [PRES-104]. */
export type AgentDecision =
  /** Not an agent entering: the human path decides (PRES-10, PRES-78). */
  | { path: 'human' }
  /** Rejected: `lobby` `unverified`. */
  | { path: 'fail'; code: string; agent?: VerifiedAgent; fp?: string }
  /** Admitted by key (no credit needed). */
  | { path: 'ok'; agent: VerifiedAgent; fp: string }
  /** The credit must be verified next; `agent` when a key was proved first. */
  | { path: 'credit'; credit: string; agent?: VerifiedAgent; fp?: string };

export function decideAgent(cfg: AgentGateConfig, c: Presented, fp: string | null, nowS: number): AgentDecision {
  if (c.agentAssertion !== undefined) {
    if (!cfg.agentKeys || cfg.agentKeys.length === 0) return { path: 'fail', code: 'agent.no-allowed-keys' };
    const v = verifyAssertion({ assertion: c.agentAssertion, allowed: cfg.agentKeys, room: cfg.room, remoteFp: fp, now: nowS });
    if (!v.ok) return { path: 'fail', code: v.error.code };
    const canon = canonicalFingerprint(fp as string);
    if (!cfg.credits) return { path: 'ok', agent: v.value, fp: canon };
    if (c.agentCredit === undefined) return { path: 'fail', code: 'credit.missing', agent: v.value, fp: canon }; // a key does not exempt from paying
    return { path: 'credit', credit: c.agentCredit, agent: v.value, fp: canon };
  }
  if (cfg.credits && c.agentCredit !== undefined) return { path: 'credit', credit: c.agentCredit };
  return { path: 'human' };
}

/** The grant to record for a connection's certificate when an agent is admitted by key [CAPS-05]. */
export const recordedCaps = (d: AgentDecision): { fp: string; caps: Grant } | null =>
  d.path !== 'human' && d.agent?.caps && d.fp ? { fp: d.fp, caps: d.agent.caps } : null;
