// The data plane of one peer over its mesh (spec/14-data-plane.md 14.6 to 14.8): content goes out
// to the recipients chapter 13's rule gives it [CONT-07], arrives through the content receiver
// [CONT-03], and files travel as transfers with backpressure, hash and resume. Every decision is a
// sans-IO piece of reference/dataplane/; this class wires them to a MeshPeer and a clock.
import type { JsonObject } from '../../encoding/json.ts';
import { isJsonObject } from '../../encoding/json.ts';
import { BULK_WAIT_MS, HIGH_WATER_BYTES, POLL_MS } from '../../dataplane/constants.ts';
import { receiveContent } from '../../dataplane/content/receive.ts';
import { emptyState, type ReceiverState } from '../../dataplane/content/state.ts';
import { humansPolicy, transferOf, type CapabilityPolicy } from '../../dataplane/policy.ts';
import type { XferKind } from '../../dataplane/xfer/begin.ts';
import { planTransfer, XFER_FEATURES, XFER_RESUME } from '../../dataplane/xfer/plan.ts';
import { TransferReceiver, type XferOutput } from '../../dataplane/xfer/receiver.ts';
import { transferFrames, type SendSpec } from '../../dataplane/xfer/sender.ts';
import type { Frame, MeshPeer } from './mesh-peer.ts';

export interface Member {
  id: string;
  name: string;
  /** The member's `~kbz.f` feature tags. */
  features: readonly string[];
}

export interface DataPlaneOptions {
  /** Chapter 13's rule over this peer's grants (`grantPolicy`); without one, a room of humans. */
  policy?: CapabilityPolicy;
  /** This peer's own transfer tags (all by default). */
  features?: readonly string[];
}

const RECEIVER_KINDS = new Set(['xbegin', 'xchunk', 'xend', 'xcancel']);
const SENDER_KINDS = new Set(['xresume', 'xack', 'xaccept', 'xdecline', 'xcancel']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let serial = 0;
/** A transfer id: 1 to 64 ASCII characters [XFER-13]. */
const newTransferId = (): string => `x${Date.now().toString(36)}${(++serial).toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;

export class DataPlane {
  private readonly state: ReceiverState;
  private readonly receiver: TransferReceiver;
  private readonly policy: CapabilityPolicy;
  private readonly features: readonly string[];
  private members: Member[] = [];
  /** Sends retained for resume, by transfer id [XFER-19]. */
  private readonly retained = new Map<string, { to: string; spec: SendSpec }>();
  private contentCb: ((view: JsonObject) => void) | null = null;
  private transferCb: ((out: XferOutput) => void) | null = null;
  private tickTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly mesh: MeshPeer,
    o: DataPlaneOptions = {},
  ) {
    this.policy = o.policy ?? humansPolicy(() => mesh.id, () => this.members.map((m) => m.id));
    this.features = o.features ?? XFER_FEATURES;
    this.state = emptyState({ policy: this.policy });
    this.receiver = new TransferReceiver(this.state, { resume: this.features.includes(XFER_RESUME), download: false });
    mesh.events({
      deliver: (from, f) => this.deliver(from, f),
      linkOpen: (from) => this.receive(Date.now(), { type: 'link-open', from }),
      teardown: (from) => this.forget(from),
      left: (from) => this.forget(from),
    });
  }

  /** The roster: who is present, their names and tags. */
  setRoster(members: Member[]): void {
    this.members = members;
    this.state.roster = new Map(members.map((m) => [m.id, m.name]));
    this.mesh.setRoster(members.map((m) => m.id));
  }

  onContent(cb: (view: JsonObject) => void): void {
    this.contentCb = cb;
  }
  onTransfer(cb: (out: XferOutput) => void): void {
    this.transferCb = cb;
  }

  /** Sends a content frame to the recipients chapter 13 gives it, broadcast or to one [CONT-07]. */
  send(frame: JsonObject, to?: string): string[] {
    const k = String(frame.k);
    const targets = this.policy.recipients(k, { transfer: transferOf(k, frame.kind), ...(to !== undefined ? { to } : {}) });
    for (const id of targets) this.mesh.send(id, { msg: frame });
    return targets;
  }

  /** Sends bytes as one transfer to each allowed peer; resolves with each peer's outcome. */
  async sendBytes(kind: XferKind, payload: Uint8Array, o: { to?: string; mime?: string; name?: string; mid?: string; ts?: number } = {}): Promise<Map<string, string>> {
    const id = newTransferId();
    const targets = this.policy.recipients('xbegin', { transfer: kind, ...(o.to !== undefined ? { to: o.to } : {}) });
    const results = await Promise.all(
      targets.map(async (to): Promise<[string, string]> => {
        const peer = this.members.find((m) => m.id === to)?.features ?? [];
        const plan = planTransfer(payload.length, kind, peer, this.features);
        if (!plan.ok) return [to, plan.error.code];
        if (plan.value.route !== 'inline' && plan.value.route !== 'stream') return [to, `route ${plan.value.route}`];
        const spec: SendSpec = { id, kind, payload, framing: plan.value.framing!, ...(o.mime ? { mime: o.mime } : {}), ...(o.name ? { name: o.name } : {}), ...(o.to ? { dm: true } : {}), ...(o.mid ? { mid: o.mid } : {}), ...(o.ts !== undefined ? { ts: o.ts } : {}) };
        if (plan.value.resume) this.retained.set(id, { to, spec });
        return [to, await this.stream(to, spec)];
      }),
    );
    return new Map(results);
  }

  /**
   * Streams frames on bulk [XFER-13]: waits up to 4000 ms for bulk, pauses while it holds more
   * than 4 MiB, and stops without xend when bulk closes (the receiver then asks to resume).
   */
  private async stream(to: string, spec: SendSpec): Promise<string> {
    for (let waited = 0; !this.mesh.isOpen(to, 'bulk') && waited < BULK_WAIT_MS; waited += POLL_MS) await sleep(POLL_MS);
    if (!this.mesh.isOpen(to, 'bulk')) return 'no-bulk';
    const frames = transferFrames(spec);
    if (!frames.ok) return frames.error.code;
    for (const f of frames.value) {
      while (this.mesh.bufferedAmount(to) > HIGH_WATER_BYTES) {
        await sleep(POLL_MS);
        if (!this.mesh.isOpen(to, 'bulk')) return 'interrupted';
      }
      if (!this.mesh.isOpen(to, 'bulk')) return 'interrupted';
      this.mesh.send(to, 'msg' in f ? { msg: f.msg } : { bytes: f.bytes });
      await sleep(0); // let close events in between frames, as a browser's event loop does
    }
    return 'sent';
  }

  close(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
  }

  // ---- receiving --------------------------------------------------------------------------

  private deliver(from: string, f: Frame): void {
    const now = Date.now();
    if ('bytes' in f) return this.receive(now, { type: 'binary', from, bytes: f.bytes });
    const k = isJsonObject(f.msg) ? f.msg.k : undefined;
    if (typeof k === 'string' && SENDER_KINDS.has(k)) this.answer(from, f.msg as JsonObject);
    if (typeof k === 'string' && RECEIVER_KINDS.has(k)) return this.receive(now, { type: 'frame', from, msg: f.msg });
    if (typeof k === 'string' && SENDER_KINDS.has(k)) return;
    this.state.now = now;
    const view = receiveContent(this.state, from, f.msg);
    if (view.ok) this.contentCb?.(view.value);
  }

  /** Sender side: resume from `have`, release on xack, stop on xcancel [XFER-15], [XFER-19], [XFER-20]. */
  private answer(from: string, msg: JsonObject): void {
    const v = receiveContent(this.state, from, msg);
    if (!v.ok) return;
    const id = v.value.id as string;
    const kept = this.retained.get(id);
    if (!kept) return;
    if (v.value.k === 'xack' || v.value.k === 'xcancel') return void this.retained.delete(id);
    if (v.value.k === 'xresume') {
      kept.to = from; // matched by id alone: the receiver may be back under another id
      void this.stream(from, { ...kept.spec, from: v.value.have as number });
    }
  }

  private receive(at: number, e: Parameters<TransferReceiver['step']>[1]): void {
    for (const o of this.receiver.step(at, e)) {
      if (o.type === 'send') this.mesh.send(String(o.to), { msg: o.msg as JsonObject });
      else this.transferCb?.(o);
    }
    this.arm();
  }

  /** Ticks while transfers are open, so stalls are judged [XFER-16]. */
  private arm(): void {
    if (this.receiver.wake() === null) {
      if (this.tickTimer) clearInterval(this.tickTimer);
      this.tickTimer = null;
      return;
    }
    if (this.tickTimer) return;
    this.tickTimer = setInterval(() => this.receive(Date.now(), { type: 'tick' }), 1000);
    this.tickTimer.unref?.();
  }

  private forget(peer: string): void {
    for (const [id, r] of this.retained) if (r.to === peer) this.retained.delete(id);
  }
}
