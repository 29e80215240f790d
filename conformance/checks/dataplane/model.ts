// The harness's own small models of chapter 14, written from the text (never from reference/):
// the chunk frame bytes, cutting and trimming, the transfer plan, the dialler, the recipients of a
// send, and a transfer receiver reduced to what one transfer's outputs must be.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../../lib/text.ts';

export const CHUNK = 49152;
export const MIB = 1024 * 1024;

// ---- text -----------------------------------------------------------------------------------

/** The trim set of CONV-08. */
const TRIM = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

export function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && TRIM.has(s.charCodeAt(a))) a++;
  while (b > a && TRIM.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Cut to n UTF-16 code units, dropping a high surrogate left without its pair (CONT-09). */
export function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

// ---- the chunk frame (WIRE-48, WIRE-49) -------------------------------------------------------

export function frameHex(id: string, i: number, payload: Uint8Array): string {
  const idb = utf8(id);
  const b = Buffer.alloc(1 + idb.length + 4 + payload.length);
  b[0] = idb.length;
  Buffer.from(idb).copy(b, 1);
  b.writeUInt32LE(i, 1 + idb.length);
  Buffer.from(payload).copy(b, 5 + idb.length);
  return b.toString('hex');
}

/** The code a receiver reports for a malformed frame, or null for a well-formed one. */
export function frameFault(b: Uint8Array): string | null {
  if (b.length < 5) return 'wire.header-truncated';
  if (b[0] === 0 || b[0]! > 64) return 'wire.header-id-length';
  if (b.length < 5 + b[0]!) return 'wire.header-truncated';
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(1, 1 + b[0]!));
  } catch {
    return 'wire.header-id-utf8';
  }
  return null;
}

// ---- plan (XFER-01, XFER-02, XFER-21) ---------------------------------------------------------

export function planModel(size: number, kind: string, peer: string[], self: string[]): Record<string, unknown> {
  const both = (t: string) => self.includes(t) && peer.includes(t);
  const n = size === 0 ? 0 : Math.ceil(size / CHUNK);
  let route: string;
  if (!both('xfer.v1')) route = size > 50 * MIB ? 'skip' : kind === 'text' ? 'legacy-chat' : kind === 'image' ? 'legacy-img' : 'skip';
  else if (size <= 50 * MIB) route = 'inline';
  else if (kind === 'text') route = 'skip';
  else if (size <= 1024 * MIB) route = 'stream';
  else route = both('xfer.dl') ? 'offer' : 'skip';
  const out: Record<string, unknown> = { n, chunkBytes: CHUNK, lastChunkBytes: n === 0 ? 0 : size - (n - 1) * CHUNK, route, resume: both('xfer.resume') };
  if (route === 'inline' || route === 'stream' || route === 'offer') out.framing = both('xfer.v2') ? 'binary' : 'base64';
  return out;
}

// ---- recipients (CONT-07: chapter 13's rule, CAPS-09 to CAPS-11 and CAPS-19) ------------------

const BROADCAST_ONLY = ['ink', 'schema', 'widget', 'wevt'];
const NEVER_WITHHELD = ['ledger', 'chatledger', 'ctl', 'blob', 'blobdata', 'idtoken', 'caps', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack'];
const NEEDS_READ_CHAT = ['chat', 'app', 'pay', ...BROADCAST_ONLY];

/**
 * Who a peer sends a frame of kind `k` to in a room of humans whose `denied` capabilities
 * (`"<peer> <perceive>"`) are withheld: every other present peer that may perceive the kind, or,
 * directed, the one recipient when it is another present peer that has `receive-directed` (and,
 * for img and transfers, the kind's perceive). The never-withheld kinds go unchecked; the
 * broadcast-only kinds and unknown kinds go nowhere when directed.
 */
export function recipientsModel(self: string, roster: string[], k: string, denied: Set<string>, to?: string, transfer?: string): string[] {
  const frame = k === 'xbegin' || k === 'xchunk' || k === 'xend'; // a transfer's frames follow what it carries
  const need = k === 'img' ? 'read-media' : frame ? ({ image: 'read-media', file: 'read-files' } as Record<string, string>)[transfer ?? ''] ?? 'read-chat' : NEEDS_READ_CHAT.includes(k) ? 'read-chat' : null;
  if (need === null && !NEVER_WITHHELD.includes(k)) return []; // not a content kind
  const may = (p: string, cap: string) => !denied.has(`${p} ${cap}`);
  const others = roster.filter((p) => p !== self);
  if (to === undefined) return need === null ? others : others.filter((p) => may(p, need));
  if (BROADCAST_ONLY.includes(k) || !others.includes(to)) return [];
  if (need === null) return [to];
  const extra = k === 'img' || frame ? [need] : [];
  return may(to, 'receive-directed') && extra.every((c) => may(to, c)) ? [to] : [];
}

// ---- one transfer through a receiver (XFER-03, XFER-09, XFER-11) ---------------------------

export type Act = { kind: 'chunk'; i: number; len: number } | { kind: 'end'; hash: 'right' | 'wrong' | 'none' };

/**
 * The outputs one in-memory transfer of `size` bytes must produce for a script of chunk and end
 * actions: `open`, a `drop` per rejected chunk, and `complete` (with the SHA-256 of the bytes in
 * index order) or `fail` at the first end. Chunk bytes are `fill(i)` repeated.
 */
export function transferModel(size: number, acts: Act[], fill: (i: number) => number): { outputs: { type: string; code?: string; sha256?: string }[]; digest: string } {
  const n = size === 0 ? 0 : Math.ceil(size / CHUNK);
  const parts = new Map<number, Uint8Array>();
  let bytes = 0;
  const out: { type: string; code?: string; sha256?: string }[] = [{ type: 'open' }];
  for (const a of acts) {
    if (a.kind === 'chunk') {
      if (a.i >= n) out.push({ type: 'drop', code: 'xfer.bad-index' });
      else if (parts.has(a.i)) out.push({ type: 'drop', code: 'xfer.duplicate-chunk' });
      else if (bytes + a.len > size) out.push({ type: 'drop', code: 'xfer.overflow' });
      else {
        parts.set(a.i, new Uint8Array(a.len).fill(fill(a.i)));
        bytes += a.len;
      }
      continue;
    }
    const all = [...parts.keys()].sort((x, y) => x - y).map((k) => parts.get(k)!);
    const digest = Buffer.from(sha256(Buffer.concat(all))).toString('hex');
    if (a.hash === 'wrong') out.push({ type: 'fail', code: 'xfer.hash-mismatch' });
    else if (parts.size !== n) out.push({ type: 'fail', code: 'xfer.incomplete' });
    else out.push({ type: 'complete', sha256: digest });
    return { outputs: out, digest };
  }
  return { outputs: out, digest: '' };
}

export const hashHex = (b: Uint8Array): string => Buffer.from(sha256(b)).toString('hex');
