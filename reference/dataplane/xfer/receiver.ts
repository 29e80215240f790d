// The transfer receiver (spec/14-data-plane.md 14.8): a sans-IO machine fed the transfer frames
// of every sender, the binary chunk frames, ticks and local choices, answering with what it
// completed, failed, dropped and must send back. It never reads a clock: `now` comes with each
// step, and stalls are judged on ticks.
import { sha256 } from '@noble/hashes/sha2.js';
import type { JsonObject, JsonValue } from '../../encoding/json.ts';
import { fromHex, toHex } from '../../encoding/text.ts';
import { CHAT_MAX_LEN, MAX_CONCURRENT_IN, MEMORY_MAX_BYTES, RESUME_TRIES, STALL_MS } from '../constants.ts';
import { displayAuthor, resolveMid } from '../content/author.ts';
import { receiveContent } from '../content/receive.ts';
import { senderName, type ReceiverState } from '../content/state.ts';
import { claimMediaMid } from '../content/transfer.ts';
import { cutTrim } from '../text.ts';
import type { Begin } from './begin.ts';
import { parseChunkFrame } from './chunk-frame.ts';

export type XferEvent =
  | { type: 'frame'; from: string; msg: JsonValue }
  | { type: 'binary'; from: string; bytes: Uint8Array }
  | { type: 'tick' }
  | { type: 'link-open'; from: string }
  | { type: 'local'; op: 'accept' | 'decline' | 'cancel'; from: string; id: string };

export type XferOutput = JsonObject & { type: string };

export interface XferConfig {
  /** This receiver and its senders both advertise xfer.resume [XFER-17]. */
  resume: boolean;
  /** This receiver advertises xfer.dl: it can save a pull offer to a chosen file [XFER-14]. */
  download: boolean;
}

export interface Incoming {
  from: string;
  begin: Begin;
  /** Disk-streamed: chunks must arrive in index order [XFER-07], [XFER-09]. */
  ordered: boolean;
  parts: (Uint8Array | undefined)[];
  got: number;
  bytes: number;
  lastAt: number;
  tries: number;
  /** Opened by accepting an offer: the sender repeats xbegin (without offer) before the chunks. */
  accepted: boolean;
}

const TRANSFER_KINDS = new Set(['xbegin', 'xchunk', 'xend', 'xcancel', 'xaccept', 'xdecline', 'xresume', 'xack']);
const dmTail = (dm: boolean): JsonObject => (dm ? { dm: true } : {});

export class TransferReceiver {
  protected readonly incoming = new Map<string, Incoming>();
  /** At most this many open transfers per sender [XFER-07]. */
  protected maxConcurrent = MAX_CONCURRENT_IN;
  private readonly offers = new Map<string, { from: string; begin: Begin }>();

  constructor(
    private readonly state: ReceiverState,
    private readonly config: XferConfig,
  ) {}

  step(at: number, e: XferEvent): XferOutput[] {
    this.state.now = at;
    const out: XferOutput[] = [];
    switch (e.type) {
      case 'frame':
        this.frame(at, e.from, e.msg, out);
        break;
      case 'binary': {
        // A binary chunk frame is a transfer frame: the act check comes before its header [CONT-05], [CAPS-15], [XFER-10].
        if (!this.state.policy.mayAct(e.from, 'xchunk')) {
          out.push({ type: 'drop', from: e.from, code: 'cont.not-permitted' });
          break;
        }
        const f = parseChunkFrame(e.bytes);
        if (!f.ok) out.push({ type: 'drop', from: e.from, code: f.error.code });
        else this.chunk(at, e.from, f.value.id, f.value.i, f.value.payload, out);
        break;
      }
      case 'tick':
        this.reap(at, out);
        break;
      case 'link-open':
        this.nudge(e.from, out);
        break;
      case 'local':
        this.local(at, e, out);
        break;
    }
    return out;
  }

  /** The earliest time a stall can be judged, or null. */
  wake(): number | null {
    let best: number | null = null;
    for (const t of this.incoming.values()) if (best === null || t.lastAt + STALL_MS + 1 < best) best = t.lastAt + STALL_MS + 1;
    return best;
  }

  private frame(at: number, from: string, msg: JsonValue, out: XferOutput[]): void {
    const k = msg !== null && typeof msg === 'object' && !Array.isArray(msg) ? msg.k : undefined;
    if (typeof k !== 'string' || !TRANSFER_KINDS.has(k)) return; // other content is not this machine's
    const f = msg as Record<string, JsonValue>;
    if (k === 'xbegin') return this.begin(at, from, f, out);
    const view = receiveContent(this.state, from, msg);
    if (!view.ok) {
      out.push({ type: 'drop', from, code: view.error.code });
      return;
    }
    const v = view.value;
    const id = v.id as string;
    if (k === 'xchunk') return this.chunk(at, from, id, v.i as number, fromHex(v.payload as string), out);
    if (k === 'xend') return this.end(from, id, v.hash as string | undefined, out);
    if (k === 'xcancel') return this.cancelled(from, id, out);
    // xaccept, xdecline, xresume and xack answer a sender; a receiver has nothing to do with them.
  }

  private begin(at: number, from: string, f: Record<string, JsonValue>, out: XferOutput[]): void {
    const view = receiveContent(this.state, from, f); // validation, mid scoping, media dedup [XFER-03]..[XFER-06]
    if (!view.ok) {
      out.push({ type: 'drop', from, code: view.error.code });
      return;
    }
    const begin = view.value as unknown as Begin;
    const key = `${from}/${begin.id}`;
    if (begin.offer) {
      if (this.offers.has(key) || this.incoming.has(key)) return void out.push({ type: 'drop', from, code: 'xfer.duplicate-begin' });
      if (!this.config.download) return void out.push({ type: 'send', to: from, msg: { k: 'xdecline', id: begin.id, ...dmTail(begin.dm) } });
      this.offers.set(key, { from, begin });
      out.push({ type: 'offer', from, id: begin.id, kind: begin.kind, size: begin.size, n: begin.n, ...names(begin), dm: begin.dm });
      return;
    }
    const held = this.incoming.get(key);
    if (held?.accepted && held.got === 0) return; // the accepted offer's own xbegin [XFER-14]
    if (held) return void out.push({ type: 'drop', from, code: 'xfer.duplicate-begin' });
    let mine = 0;
    for (const t of this.incoming.values()) if (t.from === from) mine++;
    if (mine >= this.maxConcurrent) return void out.push({ type: 'drop', from, code: 'xfer.too-many' });
    claimMediaMid(this.state, view.value);
    const ordered = this.state.sink === 'disk' && begin.kind !== 'text' && begin.size > MEMORY_MAX_BYTES;
    this.open(at, from, begin, ordered, out);
  }

  private open(at: number, from: string, begin: Begin, ordered: boolean, out: XferOutput[], accepted = false): void {
    this.incoming.set(`${from}/${begin.id}`, { from, begin, ordered, parts: new Array(begin.n), got: 0, bytes: 0, lastAt: at, tries: 0, accepted });
    out.push({ type: 'open', from, id: begin.id, kind: begin.kind, size: begin.size, n: begin.n });
  }

  /** [XFER-09]: index in range, no duplicate, never past the declared size. */
  protected chunk(at: number, from: string, id: string, i: number, payload: Uint8Array, out: XferOutput[]): void {
    const t = this.incoming.get(`${from}/${id}`);
    if (!t) return void out.push({ type: 'drop', from, code: 'xfer.unknown-transfer' });
    if (t.ordered) {
      if (i !== t.got) return void out.push({ type: 'drop', from, code: 'xfer.out-of-order' });
    } else {
      if (i >= t.begin.n) return void out.push({ type: 'drop', from, code: 'xfer.bad-index' });
      if (t.parts[i]) return void out.push({ type: 'drop', from, code: 'xfer.duplicate-chunk' });
    }
    if (t.bytes + payload.length > t.begin.size) return void out.push({ type: 'drop', from, code: 'xfer.overflow' });
    t.parts[i] = payload.slice();
    t.got++;
    t.bytes += payload.length;
    t.lastAt = at;
  }

  /** [XFER-11]: the hash first, then completeness. */
  private end(from: string, id: string, hash: string | undefined, out: XferOutput[]): void {
    const key = `${from}/${id}`;
    const t = this.incoming.get(key);
    if (!t) return void out.push({ type: 'drop', from, code: 'xfer.unknown-transfer' });
    this.incoming.delete(key);
    const payload = assemble(t);
    const digest = toHex(sha256(payload));
    const failed = (code: string) => {
      if (t.begin.mid !== undefined) this.state.held.delete(t.begin.mid); // a failed media may be replayed
      out.push({ type: 'fail', from, id, code });
    };
    if (hash !== undefined && hash !== digest) return failed('xfer.hash-mismatch');
    if (t.got !== t.begin.n) return failed('xfer.incomplete');
    const done: XferOutput = { type: 'complete', from, id, kind: t.begin.kind, size: t.bytes, sha256: digest, ...names(t.begin), dm: t.begin.dm };
    if (t.begin.kind === 'text') {
      const line = this.textLine(from, t.begin, payload);
      if (line) done.line = line;
    }
    out.push(done);
    if (this.config.resume) out.push({ type: 'send', to: from, msg: { k: 'xack', id, ...dmTail(t.begin.dm) } });
  }

  /** A completed text transfer is a chat line, by the rules of chat [XFER-11], [CONT-10]. */
  private textLine(from: string, b: Begin, payload: Uint8Array): JsonObject | null {
    const text = cutTrim(new TextDecoder().decode(payload), CHAT_MAX_LEN);
    if (text === '') return null;
    if (b.dm) return { author: from, name: senderName(this.state, from), text };
    this.state.recvSeq += 1;
    const { mid, ts } = resolveMid(this.state, from, b.mid, b.ts, false, this.state.recvSeq);
    const { author, name } = displayAuthor(this.state, from, b.author, b.authorName);
    return { author, name, text, mid, ts };
  }

  private cancelled(from: string, id: string, out: XferOutput[]): void {
    const key = `${from}/${id}`;
    const t = this.incoming.get(key);
    if (t) {
      this.incoming.delete(key);
      if (t.begin.mid !== undefined) this.state.held.delete(t.begin.mid);
      out.push({ type: 'fail', from, id, code: 'xfer.cancelled' });
    } else if (this.offers.delete(key)) {
      out.push({ type: 'fail', from, id, code: 'xfer.cancelled' });
    }
  }

  /** Received chunks form a prefix 0..got-1, so the sender can re-stream from `got` [XFER-17], [XFER-18]. */
  private resumable(t: Incoming): boolean {
    if (!this.config.resume || t.got === t.begin.n) return false;
    if (t.ordered) return true;
    for (let i = 0; i < t.got; i++) if (!t.parts[i]) return false;
    return true;
  }

  /** [XFER-16]: a stalled transfer asks to resume, up to three times, then fails. */
  private reap(at: number, out: XferOutput[]): void {
    for (const [key, t] of [...this.incoming]) {
      if (at - t.lastAt <= STALL_MS) continue;
      if (this.resumable(t) && t.tries < RESUME_TRIES) {
        t.tries++;
        t.lastAt = at;
        out.push({ type: 'send', to: t.from, msg: { k: 'xresume', id: t.begin.id, have: t.got, ...dmTail(t.begin.dm) } });
        continue;
      }
      this.incoming.delete(key);
      if (t.begin.mid !== undefined) this.state.held.delete(t.begin.mid);
      out.push({ type: 'fail', from: t.from, id: t.begin.id, code: 'xfer.stalled' });
    }
  }

  /** [XFER-17]: when a sender's bulk connection (re)opens, ask at once for what is missing. */
  private nudge(from: string, out: XferOutput[]): void {
    for (const t of this.incoming.values()) {
      if (t.from === from && this.resumable(t)) out.push({ type: 'send', to: from, msg: { k: 'xresume', id: t.begin.id, have: t.got, ...dmTail(t.begin.dm) } });
    }
  }

  private local(at: number, e: Extract<XferEvent, { type: 'local' }>, out: XferOutput[]): void {
    const key = `${e.from}/${e.id}`;
    const offer = this.offers.get(key);
    if (e.op === 'accept' || e.op === 'decline') {
      if (!offer) return;
      this.offers.delete(key);
      out.push({ type: 'send', to: e.from, msg: { k: e.op === 'accept' ? 'xaccept' : 'xdecline', id: e.id, ...dmTail(offer.begin.dm) } });
      if (e.op === 'accept') this.open(at, e.from, offer.begin, true, out, true);
      return;
    }
    const t = this.incoming.get(key);
    if (t) {
      this.incoming.delete(key);
      out.push({ type: 'send', to: e.from, msg: { k: 'xcancel', id: e.id, ...dmTail(t.begin.dm) } });
      out.push({ type: 'fail', from: e.from, id: e.id, code: 'xfer.cancelled' });
    } else if (offer) {
      this.offers.delete(key);
      out.push({ type: 'send', to: e.from, msg: { k: 'xdecline', id: e.id, ...dmTail(offer.begin.dm) } });
    }
  }
}

const names = (b: Begin): JsonObject => ({ ...(b.mime !== undefined ? { mime: b.mime } : {}), ...(b.name !== undefined ? { name: b.name } : {}) });

function assemble(t: Incoming): Uint8Array {
  const out = new Uint8Array(t.bytes);
  let off = 0;
  for (const p of t.parts) {
    if (!p) continue;
    out.set(p, off);
    off += p.length;
  }
  return out;
}
