// Who gets a grant, and what a grant lets through (spec/13-agents.md 13.4 to 13.7): the grant of
// a peer as every honest peer computes it, the sender's choice of recipients for each content
// kind (perceive), the receiver's act check, and which media lanes carry the real track.
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { BACKEND_MAX } from './constants.ts';
import { canAct, canPerceive, defaultGrant, effectiveGrant, type Grant, type Perceive } from './grant.ts';

/** A roster member as this chapter reads it: its media id and its self-asserted `meta`. */
export interface RosterEntry {
  id: string;
  meta?: JsonValue;
}

/** What a peer knows when it applies grants. */
export interface GrantView {
  /** This peer's own media id. */
  self: string;
  /** The current roster, in roster order. */
  roster: readonly RosterEntry[];
  /** The override map: media id → grant, as set locally or received in `caps` [CAPS-03]. */
  overrides: ReadonlyMap<string, Grant>;
  /** Epoch seconds. */
  now: number;
}

const metaOf = (view: GrantView, id: string): JsonObject | undefined => {
  const m = view.roster.find((x) => x.id === id)?.meta;
  return isJsonObject(m) ? m : undefined;
};

/** [GRANT-03] An agent is a roster member whose `meta.role` is the string `agent`; self-asserted. */
export const isAgent = (view: GrantView, id: string): boolean => metaOf(view, id)?.role === 'agent';

/**
 * [GRANT-04] The grant in force for a peer: itself, always everything; an override, expiry applied;
 * an agent without override, the agent default plus its self-declared disclosures; anyone else
 * (a human, or an id not in the roster), everything.
 */
export function grantOf(view: GrantView, id: string): Grant {
  if (id === view.self) return defaultGrant('human');
  const o = view.overrides.get(id);
  if (o) return effectiveGrant(o, view.now);
  const meta = metaOf(view, id);
  if (meta?.role !== 'agent') return defaultGrant('human');
  const g = defaultGrant('agent');
  const backend = typeof meta.backend === 'string' && meta.backend !== '' ? meta.backend.slice(0, BACKEND_MAX) : undefined;
  if (backend !== undefined) g.backend = backend;
  if (meta.egress === true || backend !== undefined) g.egress = true; // a backend implies egress
  return g;
}

// ---- sender side: perceive [CAPS-09..CAPS-12] ----------------------------------------------------

export type TransferKind = 'text' | 'image' | 'file';

/** How a sender sends one frame of a kind. */
export interface SendRule {
  /** What a broadcast needs each recipient to perceive; null: every recipient (never withheld). */
  broadcast: Perceive | null;
  /** What a directed send needs besides `receive-directed`; undefined: the kind is never sent directed. */
  directed?: readonly Perceive[];
  /** Broadcast per recipient always (transfers), never as the single fast-path broadcast. */
  perRecipient?: boolean;
}

const RAW: SendRule = { broadcast: null, directed: [] };
/** Transfer kinds need the perceive of what they carry [CAPS-09]. */
export const TRANSFER_PERCEIVE: Record<TransferKind, Perceive> = { text: 'read-chat', image: 'read-media', file: 'read-files' };

/**
 * [CAPS-09], [CAPS-11] The rule per content kind. `transfer` names what a transfer carries; its
 * frames (`xbegin`, `xchunk`, `xend`) all follow it, as upstream sends a transfer's chunks and end
 * to exactly the peers its `xbegin` went to. Raw kinds (`ledger`, `chatledger`, `ctl`, `blob`,
 * `blobdata`, `idtoken`, `caps` and the answers within a transfer) go to everyone and are never
 * checked, directed or not.
 */
export function sendRule(k: string, transfer?: TransferKind): SendRule | null {
  switch (k) {
    case 'chat':
    case 'app':
    case 'pay':
      return { broadcast: 'read-chat', directed: [] };
    case 'ink':
    case 'schema':
    case 'widget':
    case 'wevt':
      return { broadcast: 'read-chat' };
    case 'img':
      return { broadcast: 'read-media', directed: ['read-media'] };
    case 'xbegin':
    case 'xchunk':
    case 'xend': {
      if (transfer === undefined) return null;
      const need = TRANSFER_PERCEIVE[transfer];
      return { broadcast: need, directed: [need], perRecipient: true };
    }
    case 'ledger':
    case 'chatledger':
    case 'ctl':
    case 'blob':
    case 'blobdata':
    case 'idtoken':
    case 'caps':
    case 'xcancel':
    case 'xaccept':
    case 'xdecline':
    case 'xresume':
    case 'xack':
      return RAW;
    default:
      return null;
  }
}

export interface Recipients {
  /** Media ids, in roster order. */
  recipients: string[];
  /** One broadcast over every data connection (everyone may perceive) instead of a send per recipient. */
  broadcast: boolean;
}

/**
 * [CAPS-10], [CAPS-11], [CAPS-19] Who receives a frame of kind `k` sent by this peer: as a
 * broadcast (no `to`) or directed to `to`. Null when the kind is unknown, or is never sent directed.
 * The sender is never a recipient, and a directed frame goes only to a roster member: upstream
 * sends a directed transfer only to one [CAPS-11], and this peer holds every other kind to the
 * same rule [CAPS-19] (upstream writes those to any id it has a data connection with).
 */
export function recipients(view: GrantView, k: string, opts: { transfer?: TransferKind; to?: string } = {}): Recipients | null {
  const rule = sendRule(k, opts.transfer);
  if (!rule) return null;
  // A roster that lists an id twice is read with its first member only: one peer, one recipient (13.8).
  const others = [...new Set(view.roster.map((m) => m.id))].filter((id) => id !== view.self);
  if (opts.to !== undefined) {
    if (rule.directed === undefined) return null;
    const to = opts.to;
    if (!others.includes(to)) return { recipients: [], broadcast: false }; // itself, or not in the roster
    if (rule.broadcast === null) return { recipients: [to], broadcast: false }; // raw: no check
    const g = grantOf(view, to);
    const may = canPerceive(g, 'receive-directed') && rule.directed.every((c) => canPerceive(g, c));
    return { recipients: may ? [to] : [], broadcast: false };
  }
  const need = rule.broadcast;
  if (need === null) return { recipients: others, broadcast: true };
  const entitled = others.filter((id) => canPerceive(grantOf(view, id), need));
  const everyone = entitled.length === others.length;
  return { recipients: entitled, broadcast: everyone && !rule.perRecipient };
}

// ---- receiver side: act [CAPS-15], [CAPS-16] -----------------------------------------------------

/** Kinds a receiver never act-checks: how a peer proves identity and how grants arrive [CAPS-15]. */
export const ACT_EXEMPT: ReadonlySet<string> = new Set(['idtoken', 'caps']);

export interface Acceptance {
  accept: boolean;
  /** A drop worth a local audit entry: the sender is a (self-declared) agent [CAPS-16]. */
  audit: boolean;
}

/** [CAPS-15] A frame of kind `k` from `from` passes only if the sender's grant has `send-chat`. */
export function accepts(view: GrantView, from: string, k: string): Acceptance {
  if (ACT_EXEMPT.has(k)) return { accept: true, audit: false };
  if (canAct(grantOf(view, from), 'send-chat')) return { accept: true, audit: false };
  return { accept: false, audit: isAgent(view, from) };
}

// ---- media lanes [CAPS-13] --------------------------------------------------------------------------

export const LANES = ['audio', 'camera', 'share', 'shareAudio'] as const;
export type Lane = (typeof LANES)[number];
/** What the sender puts on a lane for one peer. */
export type LaneSend = 'track' | 'placeholder' | 'none';

/** The perceive a lane needs; null for the camera, which is never withheld. */
export const LANE_PERCEIVE: Record<Lane, Perceive | null> = { audio: 'hear-audio', camera: null, share: 'see-screen', shareAudio: 'see-screen' };

/**
 * [CAPS-13] Per lane: the real track when the grant allows it, else a flowing placeholder of the
 * lane's media type, else (no placeholder could be made) nothing: withholding fails closed.
 */
export function lanes(g: Grant, placeholders: { audio: boolean; video: boolean } = { audio: true, video: true }): Record<Lane, LaneSend> {
  const out = {} as Record<Lane, LaneSend>;
  for (const lane of LANES) {
    const need = LANE_PERCEIVE[lane];
    if (need === null || canPerceive(g, need)) out[lane] = 'track';
    else out[lane] = (lane === 'audio' || lane === 'shareAudio' ? placeholders.audio : placeholders.video) ? 'placeholder' : 'none';
  }
  return out;
}

// ---- the data plane's hook ---------------------------------------------------------------------------

/**
 * What the data plane asks of chapter 13 (spec/14-data-plane.md [CONT-05], [CONT-07]): one rule for
 * who receives what this peer sends, and one for whose content it keeps.
 */
export interface CapabilityPolicy {
  /** The recipients of a frame of kind `k`, broadcast or to `to`, in roster order; [] when none or unknown. */
  recipients(k: string, opts?: { transfer?: TransferKind; to?: string }): string[];
  /** May `peer` emit content of kind `k` (the receiver's act check)? */
  mayAct(peer: string, k: string): boolean;
}

/**
 * The capability policy backed by grants. `view` is read on every call, so a caller may swap its
 * members as the roster and the override map change.
 */
export function grantPolicy(view: () => GrantView): CapabilityPolicy {
  return {
    recipients: (k, opts = {}) => recipients(view(), k, opts)?.recipients ?? [],
    mayAct: (peer, k) => accepts(view(), peer, k).accept,
  };
}
