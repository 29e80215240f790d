// The mesh pair machine (spec/14-data-plane.md 14.2 to 14.5): everything one peer does about one
// other rostered peer. It dials (or waits to be dialled), keeps the pair's `sig` and `bulk` data
// connections, routes control frames, buffers before open, runs perfect negotiation for media
// over sig, recovers media, and tears the pair down after the drop grace. Sans-IO: events and
// virtual time in, requests and reports out; the transport opens connections and media.
import { isJsonObject, type JsonObject, type JsonValue } from '../../encoding/json.ts';
import { CONTROL_KINDS } from '../../../schemas/src/dataplane.ts';
import { decodeSigControl } from '../../messages/dataplane.ts';
import {
  BYE_FLUSH_MS, DROP_GRACE_MS, HEARTBEAT_MS, MAX_RECOVER, MIN_FLOW_KBPS, PRE_OPEN_BUFFER_MAX, RECOVER_AFTER_MS, REDIAL_DELAY_MS,
  ROSTER_HOLD_TIMEOUT_MS, SIG_DEAD_MS, STUCK_MS,
} from '../constants.ts';
import { connectionRole, dialsSig } from '../../wire/connections.ts';

export type Channel = 'sig' | 'bulk';
/** A frame on a data connection: JSON, or binary (hex in this interface). */
export type Payload = { msg: JsonValue } | { hex: string };

export interface PairConfig {
  self: string;
  peer: string;
  /** This peer takes part in media (it has a local stream) [MESH-13]. */
  media: boolean;
  /** Roster hold is on (upstream's default) [MESH-26]. */
  rosterHold: boolean;
}

export type PairEvent =
  | { type: 'roster'; present: boolean }
  | { type: 'incoming'; label: string }
  | { type: 'open'; channel: Channel }
  | { type: 'closed'; channel: Channel }
  | ({ type: 'frame'; channel: Channel } & Payload)
  | { type: 'tick' }
  | ({ type: 'local'; op: 'send' } & Payload)
  | { type: 'local'; op: 'close' }
  | { type: 'description'; d: JsonObject }
  | { type: 'pc-state'; state: string }
  | { type: 'stats'; v: number; a: number; ov: number; oa: number };

export type PairOutput = JsonObject & { type: string };

interface Link {
  open: boolean;
  since: number;
  lastRecv: number;
  buf: Payload[];
  /** This side dialled it (and so re-dials it) [MESH-08]. */
  ours: boolean;
}

interface Pc {
  makingOffer: boolean;
  /** Signaling state is stable (no offer outstanding either way). */
  stable: boolean;
  remoteSet: boolean;
  pendingIce: JsonValue[];
  state: string;
  everFlowed: boolean;
}

const ICE_BUFFER_MAX = 256;

export class MeshPair {
  /** This side dials the pair [WIRE-04]. */
  protected initiator: boolean;
  protected present = false;
  private wasPresent = false;
  private sigDialled = false;
  private bulkDialled = false;
  private bulkCapable = false;
  private links: Partial<Record<Channel, Link>> = {};
  protected dropAt: number | null = null;
  private redialAt: Record<Channel, number | null> = { sig: null, bulk: null };
  private nextBeat: number;
  private closeAt: number | null = null;
  private closed = false;
  protected left = false;
  private heard: number | null = null;
  private pc: Pc | null = null;
  private relayLatched = false;
  private pendingRelay = false;
  private recoverCount = 0;
  private stuckCount = 0;
  private lastFlow: number | null = null;
  private flowedOnce = false;
  private peerTx: number | null = null;
  private peerRx = 0;
  protected now: number;

  constructor(
    private readonly config: PairConfig,
    start: number,
  ) {
    this.initiator = dialsSig(config.self, config.peer); // the roles of chapter 11 [WIRE-04]
    this.now = start;
    this.nextBeat = start + HEARTBEAT_MS;
  }

  wake(): number | null {
    if (this.closed) return this.closeAt;
    let best = this.nextBeat;
    for (const t of [this.dropAt, this.redialAt.sig, this.redialAt.bulk]) if (t !== null && t < best) best = t;
    return best;
  }

  step(at: number, e: PairEvent): PairOutput[] {
    this.now = at;
    const out: PairOutput[] = [];
    if (e.type === 'tick') {
      this.tick(out);
      return out;
    }
    if (this.closed) {
      if (e.type === 'incoming') out.push({ type: 'close', channel: e.label === 'bulk' ? 'bulk' : 'sig' });
      return out;
    }
    switch (e.type) {
      case 'roster':
        this.roster(e.present, out);
        break;
      case 'incoming':
        this.incoming(e.label, out);
        break;
      case 'open':
        this.opened(e.channel, out);
        break;
      case 'closed':
        this.lost(e.channel);
        break;
      case 'frame':
        this.frame(e.channel, 'hex' in e ? { hex: e.hex } : { msg: e.msg }, out);
        break;
      case 'local':
        if (e.op === 'close') this.close(out);
        else this.send('hex' in e ? { hex: e.hex } : { msg: e.msg }, out);
        break;
      case 'description':
        this.description(e.d, out);
        break;
      case 'pc-state':
        this.pcState(e.state, out);
        break;
      case 'stats':
        this.stats(e, out);
        break;
    }
    return out;
  }

  // ---- roster and connections ------------------------------------------------------------

  /** Admitted: in the roster now, or within the drop grace (or hold) after it was [MESH-09]. */
  private admitted(): boolean {
    return this.present || (this.wasPresent && this.dropAt !== null);
  }

  /** [MESH-01], [MESH-25]. */
  protected roster(present: boolean, out: PairOutput[]): void {
    if (present) {
      this.present = true;
      this.wasPresent = true;
      this.dropAt = null;
      if (this.initiator && !this.sigDialled) {
        this.sigDialled = true;
        this.dial('sig', out);
      }
      this.startMedia(out);
      return;
    }
    this.present = false;
    if (this.dropAt === null && (this.pc || this.sigDialled || this.links.sig || this.links.bulk)) this.dropAt = this.now + DROP_GRACE_MS;
  }

  private dial(channel: Channel, out: PairOutput[]): void {
    if (this.links[channel]) out.push({ type: 'close', channel });
    this.links[channel] = { open: false, since: this.now, lastRecv: this.now, buf: [], ours: true };
    this.redialAt[channel] = null;
    out.push({ type: 'dial', channel });
  }

  /** [MSG-17]: a connection labelled exactly `bulk` is bulk, any other is sig. */
  private incoming(label: string, _out: PairOutput[]): void {
    const channel: Channel = connectionRole(label);
    this.links[channel] = { open: false, since: this.now, lastRecv: this.now, buf: [], ours: false };
    this.redialAt[channel] = null;
    // A connection from a peer we never saw in the roster is closed if it does not appear in time [MESH-09].
    if (!this.admitted() && this.dropAt === null) this.dropAt = this.now + DROP_GRACE_MS;
  }

  /** [MESH-02], [MESH-05]: flush what waited, then (sig) start media and say cap. */
  private opened(channel: Channel, out: PairOutput[]): void {
    const link = this.links[channel];
    if (!link || link.open) return;
    link.open = true;
    for (const p of link.buf.splice(0)) out.push({ type: 'send', channel, ...p });
    if (channel === 'sig') {
      this.startMedia(out);
      this.write('sig', { msg: { t: 'cap', bulk: 1 } }, out);
    } else {
      out.push({ type: 'link-open', channel: 'bulk' });
    }
  }

  /** [MESH-08]: a connection this side dialled and still wants is re-dialled 800 ms later. */
  protected lost(channel: Channel): void {
    const link = this.links[channel];
    if (!link) return;
    delete this.links[channel];
    const wanted = channel === 'sig' ? this.sigDialled : this.bulkDialled;
    if (wanted && this.redialAt[channel] === null) this.redialAt[channel] = this.now + REDIAL_DELAY_MS;
  }

  /** [WIRE-05], [MESH-03]: the dialler of sig dials bulk once, when the peer has said cap. */
  protected maybeDialBulk(out: PairOutput[]): void {
    if (!this.bulkCapable || !this.sigDialled || this.bulkDialled || this.links.bulk) return;
    this.bulkDialled = true;
    this.dial('bulk', out);
  }

  // ---- frames ----------------------------------------------------------------------------

  /** [MSG-34], [MESH-07]: control frames act on sig only and are never delivered; content is. */
  protected frame(channel: Channel, p: Payload, out: PairOutput[]): void {
    const link = this.links[channel];
    if (!link) return;
    link.lastRecv = this.now;
    if (!this.admitted()) return void out.push({ type: 'drop', code: 'mesh.not-rostered' });
    if ('msg' in p && isJsonObject(p.msg) && (CONTROL_KINDS as readonly unknown[]).includes(p.msg.t)) {
      if (channel === 'sig') this.control(p.msg, out);
      return;
    }
    out.push({ type: 'deliver', ...p });
  }

  protected control(msg: JsonObject, out: PairOutput[]): void {
    const d = decodeSigControl(msg);
    if (!d.ok) return void out.push({ type: 'drop', code: d.error.code }); // [MSG-35]
    const f = d.value as JsonObject;
    switch (f.t) {
      case 'bye': // [MESH-10]
        this.left = true;
        delete this.links.sig;
        this.redialAt.sig = null;
        out.push({ type: 'left' });
        out.push({ type: 'close', channel: 'sig' });
        return;
      case 'mh': // [MESH-16]
        this.heard = this.now;
        this.peerRx = (f.v as number) + (f.a as number);
        this.peerTx = (f.ov as number) + (f.oa as number);
        return;
      case 'mh-dead': // [MESH-24]
        this.reDial(out);
        return;
      case 'm-dial': // [MESH-13]
        if (this.initiator) this.startMedia(out);
        return;
      case 'cap': // [MESH-03]
        this.bulkCapable = true;
        this.maybeDialBulk(out);
        return;
      default:
        if (this.config.media) this.mediaSignal(f, out);
    }
  }

  /** [MESH-04], [MESH-05], [MESH-06]: content goes on bulk when a bulk connection exists, else sig. */
  private send(p: Payload, out: PairOutput[]): void {
    const channel: Channel | null = this.links.bulk ? 'bulk' : this.links.sig ? 'sig' : null;
    if (channel === null) return void out.push({ type: 'drop', code: 'mesh.no-link' });
    this.write(channel, p, out);
  }

  private write(channel: Channel, p: Payload, out: PairOutput[]): void {
    const link = this.links[channel];
    if (!link) return;
    if (link.open) return void out.push({ type: 'send', channel, ...p });
    if (link.buf.length >= PRE_OPEN_BUFFER_MAX) return void out.push({ type: 'drop', code: 'mesh.buffer-full' });
    link.buf.push(p);
  }

  /** [MESH-11]: bye on an open sig, media closed, connections closed 250 ms later. */
  private close(out: PairOutput[]): void {
    this.closed = true;
    if (this.links.sig?.open) out.push({ type: 'send', channel: 'sig', msg: { t: 'bye' } });
    if (this.pc) {
      out.push({ type: 'media', op: 'close' });
      this.pc = null;
    }
    this.closeAt = this.now + BYE_FLUSH_MS;
    this.dropAt = null;
    this.redialAt = { sig: null, bulk: null };
  }

  // ---- timers ----------------------------------------------------------------------------

  /** Due timers, in this order: the bye flush, the drop grace, re-dials, the heartbeat [MESH-27]. */
  private tick(out: PairOutput[]): void {
    const now = this.now;
    if (this.closed) {
      if (this.closeAt !== null && now >= this.closeAt) {
        this.closeAt = null;
        for (const c of ['sig', 'bulk'] as const) if (this.links[c]) out.push({ type: 'close', channel: c });
        this.links = {};
      }
      return;
    }
    if (this.dropAt !== null && now >= this.dropAt) {
      this.dropAt = null;
      if (!this.present) {
        if (this.held()) this.dropAt = now + DROP_GRACE_MS;
        else this.teardown(out);
      }
    }
    for (const c of ['sig', 'bulk'] as const) {
      const due = this.redialAt[c];
      if (due === null || now < due) continue;
      this.redialAt[c] = null;
      if ((c === 'sig' ? this.sigDialled : this.bulkDialled) && !this.links[c]) this.dial(c, out);
    }
    if (now >= this.nextBeat) {
      while (this.nextBeat <= now) this.nextBeat += HEARTBEAT_MS;
      this.heartbeat(out);
    }
  }

  /** [MESH-26]: roster hold keeps a peer that is still heard on an open sig, if media ever flowed. */
  protected held(): boolean {
    return this.config.rosterHold && !this.left && !!this.links.sig?.open && this.heard !== null && this.now - this.heard < ROSTER_HOLD_TIMEOUT_MS && this.flowedOnce;
  }

  /** [MESH-25]: the drop grace expired. */
  protected teardown(out: PairOutput[]): void {
    out.push({ type: 'teardown' });
    if (this.pc) {
      out.push({ type: 'media', op: 'close' });
      this.pc = null;
    }
    this.recoverCount = 0;
    this.stuckCount = 0;
    this.relayLatched = false;
    this.pendingRelay = false;
    this.lastFlow = null;
    this.flowedOnce = false;
    this.heard = null;
    for (const c of ['sig', 'bulk'] as const) {
      if (this.links[c]) out.push({ type: 'close', channel: c });
      this.redialAt[c] = null;
    }
    this.links = {};
    this.sigDialled = false;
    this.bulkDialled = false;
    this.bulkCapable = false;
    this.wasPresent = false;
  }

  /** [MESH-12]: media [MESH-13], watchdog [MESH-14], keepalive and measurement [MESH-15], in this order. */
  private heartbeat(out: PairOutput[]): void {
    const now = this.now;
    const sig = this.links.sig;
    if (this.config.media && this.present && !this.pc && sig?.open) {
      if (this.initiator) this.startMedia(out);
      else this.write('sig', { msg: { t: 'm-dial' } }, out);
    }
    if (this.present) {
      const sigStuck = !!sig && !sig.open && now - sig.since > STUCK_MS;
      const sigDead = !!sig && sig.open && now - sig.lastRecv > SIG_DEAD_MS;
      const pc = this.pc;
      const mediaStuck = !!pc && !pc.everFlowed && pc.state !== 'connected' && now - (this.lastFlow ?? now) > STUCK_MS;
      if ((sigStuck || sigDead || mediaStuck) && this.stuckCount < MAX_RECOVER) {
        this.stuckCount++;
        if (pc) {
          out.push({ type: 'media', op: 'close' });
          this.pc = null;
        }
        if ((sigStuck || sigDead) && this.sigDialled) this.dial('sig', out);
      }
    }
    if (this.links.sig?.open && !this.pc) this.write('sig', { msg: { t: 'mh', v: 0, a: 0, ov: 0, oa: 0 } }, out);
    if (this.pc) out.push({ type: 'measure' });
  }

  // ---- media -----------------------------------------------------------------------------

  /** [MESH-13], [MESH-17]: the initiator starts media once sig is open and the peer is in the roster. */
  private startMedia(out: PairOutput[]): void {
    if (!this.config.media || this.pc || !this.initiator || !this.present || !this.links.sig?.open) return;
    this.createPc(true, false, out);
  }

  /** [MESH-20]: a relay pc latches the peer to relay for the rest of the pairing. */
  private createPc(ours: boolean, relay: boolean, out: PairOutput[]): void {
    const useRelay = relay || this.relayLatched;
    if (useRelay) this.relayLatched = true;
    if (this.pc) out.push({ type: 'media', op: 'close' });
    this.pc = { makingOffer: false, stable: true, remoteSet: false, pendingIce: [], state: 'new', everFlowed: false };
    this.lastFlow = this.now;
    out.push({ type: 'media', op: 'create', relay: useRelay });
    if (ours) this.offer(out);
  }

  private offer(out: PairOutput[]): void {
    this.pc!.makingOffer = true;
    out.push({ type: 'media', op: 'create-offer' });
  }

  /** Our local description is ready: it travels on sig with the relay latch [MESH-19]. */
  private description(d: JsonObject, out: PairOutput[]): void {
    const pc = this.pc;
    if (!pc || (d.type !== 'offer' && d.type !== 'answer')) return;
    if (d.type === 'offer') {
      pc.makingOffer = false;
      pc.stable = false;
    } else {
      pc.stable = true;
    }
    this.write('sig', { msg: { t: 'm-sdp', d: { type: d.type, sdp: typeof d.sdp === 'string' ? d.sdp : '' }, relay: this.relayLatched } }, out);
  }

  /** [MESH-17], [MESH-18], [MESH-21], [MESH-22]: perfect negotiation, the initiator impolite. */
  private mediaSignal(f: JsonObject, out: PairOutput[]): void {
    if (f.t === 'm-recreate') {
      if (this.pc) {
        out.push({ type: 'media', op: 'close' });
        this.pc = null;
      }
      if (f.relay === true) {
        this.pendingRelay = true;
        this.relayLatched = true;
      } else this.pendingRelay = false;
      return;
    }
    if (f.t === 'm-ice') {
      const pc = this.pc;
      if (!pc) return;
      if (pc.remoteSet) out.push({ type: 'media', op: 'add-ice', c: f.c! });
      else if (pc.pendingIce.length < ICE_BUFFER_MAX) pc.pendingIce.push(f.c!);
      return;
    }
    // m-sdp
    const d = f.d as JsonObject;
    if (f.relay === true) this.relayLatched = true;
    if (this.pc && d.type === 'offer' && (this.pc.state === 'closed' || this.pc.state === 'failed')) {
      out.push({ type: 'media', op: 'close' });
      this.pc = null;
    }
    if (!this.pc) {
      if (d.type !== 'offer') return; // an answer for a connection we no longer have
      this.createPc(false, this.pendingRelay, out);
      this.pendingRelay = false;
    }
    const pc = this.pc!;
    const collision = d.type === 'offer' && (pc.makingOffer || !pc.stable);
    if (collision && this.initiator) return; // the impolite side ignores a colliding offer
    if (collision) {
      out.push({ type: 'media', op: 'rollback' });
      pc.makingOffer = false;
    }
    out.push({ type: 'media', op: 'set-remote', d: { type: d.type as string, sdp: d.sdp as string } });
    pc.remoteSet = true;
    for (const c of pc.pendingIce.splice(0)) out.push({ type: 'media', op: 'add-ice', c });
    if (d.type === 'offer') {
      pc.stable = false;
      out.push({ type: 'media', op: 'create-answer' });
    } else {
      pc.stable = true;
    }
  }

  private pcState(state: string, out: PairOutput[]): void {
    if (!this.pc) return;
    this.pc.state = state;
    if (state === 'failed' && this.present) this.recover(out);
  }

  /** [MESH-15], [MESH-23]: report health, judge flow. */
  private stats(e: { v: number; a: number; ov: number; oa: number }, out: PairOutput[]): void {
    const pc = this.pc;
    if (!pc) return;
    this.write('sig', { msg: { t: 'mh', v: e.v, a: e.a, ov: e.ov, oa: e.oa } }, out);
    const now = this.now;
    if (e.v + e.a >= MIN_FLOW_KBPS) {
      this.lastFlow = now;
      pc.everFlowed = true;
      this.stuckCount = 0;
      this.flowedOnce = true;
      if (this.peerRx >= MIN_FLOW_KBPS) this.recoverCount = 0;
      return;
    }
    const sinceFlow = now - (this.lastFlow ?? now);
    const confirmed = this.peerTx !== null && this.peerTx >= MIN_FLOW_KBPS;
    const deadFromBirth = !pc.everFlowed && pc.state === 'connected';
    if (sinceFlow > RECOVER_AFTER_MS && (confirmed || deadFromBirth)) this.recover(out);
    else if (this.peerTx !== null && this.peerTx < MIN_FLOW_KBPS) this.lastFlow = now;
  }

  private recover(out: PairOutput[]): void {
    this.lastFlow = this.now;
    if (this.initiator) this.reDial(out);
    else this.write('sig', { msg: { t: 'mh-dead' } }, out);
  }

  /** [MESH-24]: the ladder, initiator only, at most three rungs, deferred while sig is down. */
  private reDial(out: PairOutput[]): void {
    if (this.closed || !this.initiator || !this.config.media) return;
    if (!this.links.sig?.open) return;
    const n = this.recoverCount;
    if (n >= MAX_RECOVER) return;
    this.recoverCount = n + 1;
    this.lastFlow = this.now;
    const pc = this.pc;
    const connectedDead = !!pc && pc.state === 'connected' && !pc.everFlowed;
    const iceRestart = n === 0 && !connectedDead;
    const relay = n >= 2 || connectedDead;
    if (iceRestart && pc && pc.state !== 'closed' && pc.stable) {
      out.push({ type: 'media', op: 'restart-ice' });
      this.offer(out);
      return;
    }
    this.write('sig', { msg: { t: 'm-recreate', relay } }, out);
    this.createPc(true, relay, out);
  }
}
