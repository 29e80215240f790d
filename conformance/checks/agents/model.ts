// The harness's own model of chapter 13's grants and their enforcement, written from the spec text
// (spec/13-agents.md 13.4 to 13.7). It never imports the reference: it is the oracle the
// properties judge implementations against.
import { isJsonObject, type JsonObject, type JsonValue } from '../../lib/json.ts';

export const PERCEIVE = ['see-screen', 'hear-audio', 'read-chat', 'read-roster', 'receive-directed', 'read-media', 'read-files'] as const;
export const ACT = ['send-chat', 'speak', 'act'] as const;

export interface Grant extends JsonObject {
  perceive: string[];
  act: string[];
}

/** JavaScript truthiness of a JSON value. */
const truthy = (v: JsonValue | undefined): boolean => v !== undefined && v !== null && v !== false && v !== 0 && v !== '';

/** GRANT-02 */
export const humanGrant = (): Grant => ({ perceive: [...PERCEIVE], act: [...ACT] });
export const agentGrant = (): Grant => ({ perceive: ['read-chat', 'read-roster', 'receive-directed'], act: [] });

/** GRANT-05 */
export function sanitize(v: JsonValue | undefined): Grant {
  const o = isJsonObject(v) ? v : {};
  const pick = (names: readonly string[], x: JsonValue | undefined): string[] => {
    if (!Array.isArray(x)) return [];
    const out: string[] = [];
    for (const c of x) if (typeof c === 'string' && names.includes(c) && !out.includes(c)) out.push(c);
    return out;
  };
  const g: Grant = { perceive: pick(PERCEIVE, o.perceive), act: pick(ACT, o.act) };
  if (typeof o.backend === 'string' && o.backend.length > 0) g.backend = o.backend.substring(0, 80);
  if (truthy(o.egress)) g.egress = true;
  if (typeof o.expiresAt === 'number' && o.expiresAt > 0) g.expiresAt = o.expiresAt;
  return g;
}

/** GRANT-06 */
export function intersect(request: Grant, allowed: Grant): Grant {
  const g: Grant = { perceive: request.perceive.filter((c) => allowed.perceive.includes(c)), act: request.act.filter((c) => allowed.act.includes(c)) };
  if (typeof request.backend === 'string' && request.backend.length > 0) g.backend = request.backend;
  if (request.egress === true) g.egress = true;
  const exps = [request.expiresAt, allowed.expiresAt].filter((x): x is number => typeof x === 'number' && x !== 0);
  if (exps.length) g.expiresAt = exps.reduce((a, b) => (b < a ? b : a));
  return g;
}

/** GRANT-07 */
export const effective = (g: Grant, now: number): Grant =>
  typeof g.expiresAt === 'number' && g.expiresAt !== 0 && now >= g.expiresAt ? { perceive: [], act: [] } : g;

export interface Member {
  id: string;
  meta?: JsonValue;
}
export interface View {
  self: string;
  roster: Member[];
  grants: Record<string, Grant>;
  now: number;
}

export const viewInput = (v: View): JsonObject => ({ self: v.self, roster: v.roster as unknown as JsonValue, grants: v.grants as unknown as JsonValue, now: v.now });

const metaOf = (v: View, id: string): JsonObject | null => {
  const m = v.roster.find((x) => x.id === id);
  return m && isJsonObject(m.meta) ? m.meta : null;
};
/** GRANT-03 */
export const isAgent = (v: View, id: string): boolean => metaOf(v, id)?.role === 'agent';

/** GRANT-04 */
export function grantOf(v: View, id: string): Grant {
  if (id === v.self) return humanGrant();
  if (Object.prototype.hasOwnProperty.call(v.grants, id)) return effective(v.grants[id]!, v.now);
  const meta = metaOf(v, id);
  if (!meta || meta.role !== 'agent') return humanGrant();
  const g = agentGrant();
  if (typeof meta.backend === 'string' && meta.backend !== '') g.backend = meta.backend.substring(0, 80);
  if (meta.egress === true || g.backend !== undefined) g.egress = true;
  return g;
}

export type Transfer = 'text' | 'image' | 'file';
const TRANSFER_NEED: Record<Transfer, string> = { text: 'read-chat', image: 'read-media', file: 'read-files' };
export const TEXT_KINDS = ['chat', 'app', 'pay'];
export const BROADCAST_ONLY_KINDS = ['ink', 'schema', 'widget', 'wevt'];
export const RAW_KINDS = ['ledger', 'chatledger', 'ctl', 'blob', 'blobdata', 'idtoken', 'caps', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack'];
/** A transfer's frames: each judged by what the transfer carries (CAPS-09). */
export const TRANSFER_FRAMES = ['xbegin', 'xchunk', 'xend'];

/**
 * CAPS-09 to CAPS-11 and CAPS-19: the recipients of a frame, or null when the kind is never sent
 * directed. The sender is never a recipient, and a directed transfer goes only to a roster member
 * (CAPS-11). With `upstream`, any other directed frame goes to an id outside the roster as upstream
 * sends it; without, it does not (the CAPS-19 hardening).
 */
export function recipientsOf(v: View, kind: string, transfer?: Transfer, to?: string, upstream = false): { recipients: string[]; broadcast: boolean } | null {
  const others = v.roster.map((m) => m.id).filter((id) => id !== v.self);
  const has = (id: string, cap: string) => grantOf(v, id).perceive.includes(cap);
  const reachable = (id: string) => id !== v.self && (others.includes(id) || (upstream && !TRANSFER_FRAMES.includes(kind)));
  if (RAW_KINDS.includes(kind)) return to !== undefined ? { recipients: reachable(to) ? [to] : [], broadcast: false } : { recipients: others, broadcast: true };
  const need = kind === 'img' ? 'read-media' : TRANSFER_FRAMES.includes(kind) ? TRANSFER_NEED[transfer!] : 'read-chat';
  if (to !== undefined) {
    if (BROADCAST_ONLY_KINDS.includes(kind)) return null;
    const extra = kind === 'img' || TRANSFER_FRAMES.includes(kind) ? [need] : [];
    const may = reachable(to) && has(to, 'receive-directed') && extra.every((c) => has(to, c));
    return { recipients: may ? [to] : [], broadcast: false };
  }
  const entitled = others.filter((id) => has(id, need));
  return { recipients: entitled, broadcast: entitled.length === others.length && !TRANSFER_FRAMES.includes(kind) };
}

/** CAPS-15, CAPS-16 */
export function acceptsOf(v: View, from: string, kind: string): { accept: boolean; audit: boolean } {
  if (kind === 'idtoken' || kind === 'caps') return { accept: true, audit: false };
  if (grantOf(v, from).act.includes('send-chat')) return { accept: true, audit: false };
  return { accept: false, audit: isAgent(v, from) };
}

/** CAPS-13 */
export function lanesOf(g: Grant, placeholders = { audio: true, video: true }): JsonObject {
  const lane = (need: string | null, audio: boolean) =>
    need === null || g.perceive.includes(need) ? 'track' : (audio ? placeholders.audio : placeholders.video) ? 'placeholder' : 'none';
  return { audio: lane('hear-audio', true), camera: lane(null, false), share: lane('see-screen', false), shareAudio: lane('see-screen', true) };
}

/** CAPS-03: the new override map, or null when the frame is ignored. */
export function capsApplied(ctx: { host: string; cryptographicHost: boolean; coordinator: boolean }, from: string, msg: JsonValue): Record<string, Grant> | null {
  if (!isJsonObject(msg) || msg.k !== 'caps') return null;
  if (!ctx.cryptographicHost || ctx.host === '' || from !== ctx.host || ctx.coordinator) return null;
  const grants = msg.grants === undefined || msg.grants === null ? {} : msg.grants;
  if (!isJsonObject(grants)) return null;
  return Object.fromEntries(Object.entries(grants).map(([id, g]) => [id, sanitize(g)]));
}
