// The data mesh over PeerJS (spec/14-data-plane.md 14.2 to 14.5): a media peer registered under a
// broker-assigned id, one MeshPair machine per other peer, and the I/O those machines ask for:
// dialling `sig` and `bulk`, writing frames, closing connections and firing timers. The machines
// decide everything; this file only performs and reports. Media is not carried (Node has no media
// tracks): the pairs run with `media: false` (chapter 14, Interoperability).
import type { DataConnection, Peer, PeerOptions } from 'peerjs';
import type { JsonValue } from '../../encoding/json.ts';
import { fromHex, toHex } from '../../encoding/text.ts';
import { MeshPair, type Channel, type PairOutput } from '../../dataplane/mesh/pair.ts';
import { liveRemoteFingerprint } from './fingerprints.ts';
import { onNegotiationEnd } from './negotiation-end.ts';
import { keepRegistered, registerPeer } from './register.ts';

/** A frame on a data connection: JSON, or bytes (a binary transfer chunk). */
export type Frame = { msg: JsonValue } | { bytes: Uint8Array };

export interface MeshEvents {
  /** A content frame from `from` (the remote peer id of its connection) [CONT-01]. */
  deliver?: (from: string, frame: Frame) => void;
  /** The bulk connection to `from` (re)opened: resume transfers [XFER-17]. */
  linkOpen?: (from: string) => void;
  left?: (from: string) => void;
  teardown?: (from: string) => void;
  drop?: (from: string, code: string) => void;
  /** Every data-channel message this peer receives, before the machine sees it (tests tap this). */
  raw?: (from: string, channel: Channel, data: unknown) => void;
}

interface Entry {
  machine: MeshPair;
  conns: Partial<Record<Channel, DataConnection>>;
}

const channelOf = (label: string): Channel => (label === 'bulk' ? 'bulk' : 'sig');

export class MeshPeer {
  private readonly pairs = new Map<string, Entry>();
  private readonly on: MeshEvents = {};
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private readonly stopKeepAlive: () => void;

  private constructor(
    private readonly peer: Peer,
    private readonly rosterHold: boolean,
  ) {
    this.stopKeepAlive = keepRegistered(peer);
    peer.on('connection', (conn) => this.incoming(conn));
    peer.on('error', () => {}); // dial failures surface as a connection that never opens: the watchdog owns them
  }

  /** Registers a media peer under a broker-assigned id [SIG-07]. */
  static async start(options: PeerOptions, o: { rosterHold?: boolean; registerTimeoutMs?: number } = {}): Promise<MeshPeer> {
    const r = await registerPeer(undefined, options, o.registerTimeoutMs);
    if (!r.ok) throw new Error(`media peer registration failed: ${r.error.code}: ${r.error.message}`);
    return new MeshPeer(r.value, o.rosterHold ?? true);
  }

  get id(): string {
    return this.peer.id;
  }

  events(e: MeshEvents): void {
    Object.assign(this.on, e);
  }

  /** The present peers (the roster's media ids); every other known pair is told it left. */
  setRoster(ids: readonly string[]): void {
    const present = new Set(ids.filter((id) => id !== this.id));
    for (const id of present) this.step(id, { type: 'roster', present: true });
    for (const id of this.pairs.keys()) if (!present.has(id)) this.step(id, { type: 'roster', present: false });
  }

  /** Writes a content frame to `to` on bulk, or sig without bulk [MESH-04]. */
  send(to: string, frame: Frame): void {
    this.step(to, { type: 'local', op: 'send', ...('bytes' in frame ? { hex: toHex(frame.bytes) } : { msg: frame.msg }) });
  }

  /** The certificate `to` presented on its sig connection, read off the handshake; null while unreadable. Grants bind to it [CAPS-05]. */
  remoteFingerprint(to: string): string | null {
    return liveRemoteFingerprint(this.pairs.get(to)?.conns.sig);
  }

  isOpen(to: string, channel: Channel): boolean {
    return !!this.pairs.get(to)?.conns[channel]?.open;
  }

  /** Bytes the bulk connection to `to` still holds (the transfer backpressure of XFER-13). */
  bufferedAmount(to: string): number {
    const c = this.pairs.get(to)?.conns.bulk as (DataConnection & { bufferSize?: number }) | undefined;
    if (!c?.open) return 0;
    return (c.dataChannel?.bufferedAmount ?? 0) + (c.bufferSize ?? 0) * 16300;
  }

  /** Closes one data connection as if the network dropped it (tests: interruption). */
  dropConnection(to: string, channel: Channel): void {
    this.pairs.get(to)?.conns[channel]?.close();
  }

  /** Leaves: bye on every open sig, connections closed 250 ms later [MESH-11], then the peer. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const id of this.pairs.keys()) this.step(id, { type: 'local', op: 'close' });
    await new Promise((r) => setTimeout(r, 300));
    for (const id of this.pairs.keys()) this.step(id, { type: 'tick' });
    if (this.timer) clearTimeout(this.timer);
    this.stopKeepAlive();
    try {
      this.peer.destroy();
    } catch {
      /* already destroyed */
    }
  }

  // ---- machines and I/O -------------------------------------------------------------------

  private entry(id: string): Entry {
    let e = this.pairs.get(id);
    if (!e) {
      e = { machine: new MeshPair({ self: this.id, peer: id, media: false, rosterHold: this.rosterHold }, Date.now()), conns: {} };
      this.pairs.set(id, e);
    }
    return e;
  }

  private step(id: string, event: Parameters<MeshPair['step']>[1]): void {
    const e = this.entry(id);
    for (const o of e.machine.step(Date.now(), event)) this.perform(id, e, o);
    this.schedule();
  }

  private incoming(conn: DataConnection): void {
    const channel = channelOf(conn.label);
    const e = this.entry(conn.peer);
    const previous = e.conns[channel];
    e.conns[channel] = conn;
    this.wire(conn.peer, channel, conn);
    if (previous && previous !== conn) previous.removeAllListeners();
    this.step(conn.peer, { type: 'incoming', label: conn.label });
  }

  private wire(id: string, channel: Channel, conn: DataConnection): void {
    const current = () => this.pairs.get(id)?.conns[channel] === conn;
    conn.on('open', () => current() && this.step(id, { type: 'open', channel }));
    conn.on('data', (data) => {
      if (!current()) return;
      this.on.raw?.(id, channel, data);
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      this.step(id, bytes ? { type: 'frame', channel, hex: toHex(bytes) } : { type: 'frame', channel, msg: (data ?? null) as JsonValue });
    });
    const gone = () => {
      if (!current()) return;
      delete this.pairs.get(id)!.conns[channel];
      this.step(id, { type: 'closed', channel });
    };
    conn.on('close', gone);
    conn.on('error', gone);
    // A negotiation libdatachannel ended gets no 'close' from PeerJS: reported now, not after the
    // watchdog (STUCK_MS), so the pair machine re-dials after its own delay.
    onNegotiationEnd(conn, gone);
  }

  private perform(id: string, e: Entry, o: PairOutput): void {
    const channel = o.channel as Channel | undefined;
    switch (o.type) {
      case 'dial': {
        if (this.closing) return;
        const conn = this.peer.connect(id, channel === 'bulk' ? { reliable: true, label: 'bulk' } : { reliable: true });
        if (!conn) return; // the broker socket is down: the watchdog dials again
        e.conns[channel!] = conn;
        this.wire(id, channel!, conn);
        return;
      }
      case 'close': {
        const conn = e.conns[channel!];
        delete e.conns[channel!];
        try {
          conn?.close();
        } catch {
          /* already closed */
        }
        return;
      }
      case 'send': {
        const conn = e.conns[channel!];
        if (!conn?.open) return;
        try {
          void conn.send(typeof o.hex === 'string' ? fromHex(o.hex) : o.msg);
        } catch {
          /* a connection closing under us; its close event follows */
        }
        return;
      }
      case 'deliver':
        this.on.deliver?.(id, typeof o.hex === 'string' ? { bytes: fromHex(o.hex) } : { msg: o.msg ?? null });
        return;
      case 'link-open':
        this.on.linkOpen?.(id);
        return;
      case 'left':
        this.on.left?.(id);
        return;
      case 'teardown':
        this.on.teardown?.(id);
        return;
      case 'drop':
        this.on.drop?.(id, String(o.code));
        return;
      default:
        return; // media requests: this peer takes no part in media
    }
  }

  /** One timer for the earliest due time of any pair. */
  private schedule(): void {
    let next: number | null = null;
    for (const e of this.pairs.values()) {
      const w = e.machine.wake();
      if (w !== null && (next === null || w < next)) next = w;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (next === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const id of [...this.pairs.keys()]) {
        const e = this.pairs.get(id)!;
        for (const o of e.machine.step(Date.now(), { type: 'tick' })) this.perform(id, e, o);
      }
      this.schedule();
    }, Math.max(0, next - Date.now()));
    this.timer.unref?.();
  }
}
