// An observer peer: the harness's own PeerJS-protocol endpoint (a broker registration plus native
// WebRTC data connections), scripted by a check. It can claim a room's authority id and answer the
// implementation's dial, or dial an implementation that coordinates; either way every signaling
// frame and every data-channel byte is kept for the judge.
import { randomBytes } from 'node:crypto';
import { Link, loadNdc, type OfferPayload } from './link.ts';
import { SignalClient, type BrokerBase, type SignalFrame } from './signal.ts';
import { poll } from './wait.ts';

export interface DialOptions {
  /** Data channel label; PeerJS uses the connection id when none is given (MSG-17). */
  label?: string;
  serialization?: string;
  reliable?: boolean;
}

const connectionId = () => `dc_${randomBytes(8).toString('hex').slice(0, 11)}`;

export class Observer {
  readonly links: Link[] = [];
  /** Offers we refused or could not answer, kept for the judge. */
  readonly refused: { at: number; src: string; payload: unknown; why: string }[] = [];
  #accepting = true;

  private constructor(
    readonly signal: SignalClient,
    private readonly ndc: Awaited<ReturnType<typeof loadNdc>>,
  ) {
    signal.onFrame((f) => this.#onFrame(f));
  }

  /** Registers an observer under `id` (the authority id of a room, to coordinate) or a broker-assigned id. */
  static async start(broker: BrokerBase, id?: string, t0?: number): Promise<Observer> {
    const ndc = await loadNdc();
    const signal = await SignalClient.register(broker, id, t0);
    return new Observer(signal, ndc);
  }

  get id(): string {
    return this.signal.id;
  }

  #newPc(name: string) {
    return new this.ndc.PeerConnection(name, { iceServers: [], bindAddress: '127.0.0.1' });
  }

  #onFrame(f: SignalFrame): void {
    const src = typeof f.src === 'string' ? f.src : '';
    const p = (typeof f.payload === 'object' && f.payload !== null ? f.payload : {}) as Record<string, unknown>;
    const cid = typeof p.connectionId === 'string' ? p.connectionId : '';
    if (f.type === 'OFFER') return this.#onOffer(src, p as OfferPayload, cid);
    const link = this.links.find((l) => l.connectionId === cid && l.remote === src);
    if (!link) return;
    if (f.type === 'ANSWER') {
      const sdp = (p.sdp ?? {}) as { sdp?: unknown };
      if (typeof sdp.sdp === 'string') link.setRemote(sdp.sdp, 'answer');
    } else if (f.type === 'CANDIDATE') link.addCandidate(p.candidate);
  }

  #onOffer(src: string, payload: OfferPayload, cid: string): void {
    const at = this.signal.now();
    if (!this.#accepting) return void this.refused.push({ at, src, payload, why: 'not accepting' });
    const sdp = payload.sdp?.sdp;
    if (payload.type !== 'data' || typeof sdp !== 'string' || !cid) return void this.refused.push({ at, src, payload, why: 'not a data-connection offer' });
    const pc = this.#newPc(`obs-${this.id}-${cid}`);
    const link = new Link('answerer', src, cid, pc, this.signal);
    link.offer = payload;
    this.links.push(link);
    pc.onDataChannel((dc) => link.attach(dc));
    pc.onLocalDescription((desc, type) => {
      this.signal.send({ type: 'ANSWER', dst: src, payload: { sdp: { type, sdp: desc }, type: 'data', connectionId: cid } });
      link.descriptionSent();
    });
    try {
      link.setRemote(sdp, 'offer');
    } catch (e) {
      link.close();
      this.refused.push({ at, src, payload, why: `unusable SDP: ${(e as Error).message}` });
    }
  }

  /** Stop answering new offers (already open links stay). */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Dials `remote` the way PeerJS connect() does; the link opens asynchronously. */
  dial(remote: string, o: DialOptions = {}): Link {
    return this.#dial(remote, o, null).link;
  }

  /**
   * Dials `remote` with a certificate whose canonical fingerprint `accept` takes: each attempt is a
   * fresh connection with a fresh certificate, dropped before its OFFER when refused. Checks that
   * depend on how two fingerprints sort (SAS-05) use it to put the observer on a chosen side.
   */
  async dialWhere(remote: string, accept: (fp: string) => boolean, o: DialOptions = {}, tries = 400): Promise<Link | null> {
    for (let i = 0; i < tries; i++) {
      const attempt = this.#dial(remote, o, accept);
      if (await attempt.accepted) return attempt.link;
    }
    return null;
  }

  #dial(remote: string, o: DialOptions, accept: ((fp: string) => boolean) | null): { link: Link; accepted: Promise<boolean> } {
    const cid = connectionId();
    const pc = this.#newPc(`obs-${this.id}-${cid}`);
    const link = new Link('dialler', remote, cid, pc, this.signal);
    const payload: OfferPayload = { type: 'data', connectionId: cid, label: o.label ?? cid, reliable: o.reliable ?? true, serialization: o.serialization ?? 'binary' };
    link.offer = payload;
    let settle: (ok: boolean) => void = () => {};
    const accepted = new Promise<boolean>((r) => (settle = r));
    pc.onLocalDescription((desc, type) => {
      if (type !== 'offer') return;
      const fp = /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/.exec(desc)?.[1]?.toLowerCase() ?? '';
      if (accept && !accept(fp)) {
        setImmediate(() => link.close());
        return settle(false);
      }
      if (accept) this.links.push(link);
      const full = { sdp: { type, sdp: desc }, ...payload };
      link.offer = full;
      this.signal.send({ type: 'OFFER', dst: remote, payload: full });
      link.descriptionSent();
      settle(true);
    });
    if (!accept) this.links.push(link);
    link.attach(pc.createDataChannel(o.label ?? cid, {}));
    return { link, accepted };
  }

  /** The first link from (or to) `remote` that is open, waiting up to `ms`. */
  async openLink(ms: number, remote?: string): Promise<Link | undefined> {
    return poll(ms, () => this.links.find((l) => l.opened && !l.closed && (remote === undefined || l.remote === remote)));
  }

  /** Every EXPIRE the broker sent, by the id it names. */
  expired(): string[] {
    return this.signal.log.filter((e) => e.dir === 'in' && e.frame.type === 'EXPIRE').map((e) => String(e.frame.src));
  }

  close(): void {
    for (const l of this.links) l.close();
    this.signal.close();
  }
}
