// Capability grants (spec/13-agents.md 13.4): what a participant may perceive (content that flows
// to it, enforced by senders) and act (what it may emit, enforced by receivers). Pure functions
// over JSON, byte for byte upstream's `capabilities.ts` on every grant an honest peer sends.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { isJsonObject } from '../encoding/json.ts';
import { ACT_CAPABILITIES, PERCEIVE_CAPABILITIES } from '../../schemas/src/dataplane.ts';
import { BACKEND_MAX } from './constants.ts';

export type Perceive = (typeof PERCEIVE_CAPABILITIES)[number];
export type Act = (typeof ACT_CAPABILITIES)[number];

/** A grant as this chapter produces it; members in this order [GRANT-01]. */
export interface Grant extends JsonObject {
  perceive: string[];
  act: string[];
}

export type Role = 'human' | 'agent';

/** [GRANT-02] The agent default: the conversation, the roster, data directed at it; no media, no acting. */
export const AGENT_PERCEIVE: readonly Perceive[] = ['read-chat', 'read-roster', 'receive-directed'];

/** [GRANT-02] Humans get everything, in the order of the capability tables. */
export const fullGrant = (): Grant => ({ perceive: [...PERCEIVE_CAPABILITIES], act: [...ACT_CAPABILITIES] });
/** Nothing: an expired grant [GRANT-07]. */
export const emptyGrant = (): Grant => ({ perceive: [], act: [] });
export const defaultGrant = (role: Role): Grant => (role === 'agent' ? { perceive: [...AGENT_PERCEIVE], act: [] } : fullGrant());

/** JavaScript truthiness of a JSON value, the test upstream applies to `egress` and `expiresAt`. */
export const truthy = (v: JsonValue | undefined): boolean => !(v === undefined || v === null || v === false || v === 0 || v === '');

const known = (list: readonly string[], v: JsonValue | undefined): string[] => {
  if (!Array.isArray(v)) return []; // absent, null, or not a list: confers nothing [GRANT-05]
  const out: string[] = [];
  for (const c of v) if (typeof c === 'string' && list.includes(c) && !out.includes(c)) out.push(c);
  return out;
};

/**
 * [GRANT-05] What a receiver keeps of a grant from the wire (or a manifest): known capability
 * strings, first occurrence only; `backend` cut to 80 UTF-16 code units when a non-empty string;
 * `egress` true when truthy; `expiresAt` when a number above 0. Any non-object is the empty grant.
 */
export function sanitizeGrant(g: JsonValue): Grant {
  const o = isJsonObject(g) ? g : {};
  const out: Grant = { perceive: known(PERCEIVE_CAPABILITIES, o.perceive), act: known(ACT_CAPABILITIES, o.act) };
  if (typeof o.backend === 'string' && o.backend !== '') out.backend = o.backend.slice(0, BACKEND_MAX);
  if (truthy(o.egress)) out.egress = true;
  if (typeof o.expiresAt === 'number' && o.expiresAt > 0) out.expiresAt = o.expiresAt;
  return out;
}

/**
 * [GRANT-06] What a joiner requested, cut down to what the host allows: capabilities of the
 * request (its order, its repeats) that the allowed grant also lists; disclosure from the request;
 * the earlier of the two non-zero expiries.
 */
export function intersectGrant(request: Grant, allowed: Grant): Grant {
  const out: Grant = {
    perceive: request.perceive.filter((c) => allowed.perceive.includes(c)),
    act: request.act.filter((c) => allowed.act.includes(c)),
  };
  if (truthy(request.backend)) out.backend = request.backend as JsonValue;
  if (truthy(request.egress)) out.egress = true;
  const exp = [request.expiresAt, allowed.expiresAt].filter((x): x is number => typeof x === 'number' && x !== 0);
  if (exp.length > 0) out.expiresAt = Math.min(...exp);
  return out;
}

/** [GRANT-07] A grant with a non-zero numeric `expiresAt` is expired from that second on. */
export const isExpired = (g: Grant, now: number): boolean => typeof g.expiresAt === 'number' && g.expiresAt !== 0 && now >= g.expiresAt;

/** [GRANT-07] The grant in force: nothing once expired, else the grant unchanged. */
export const effectiveGrant = (g: Grant, now: number): Grant => (isExpired(g, now) ? emptyGrant() : g);

export const canPerceive = (g: Grant, cap: Perceive): boolean => g.perceive.includes(cap);
export const canAct = (g: Grant, cap: Act): boolean => g.act.includes(cap);
