// One PeerJS data connection as the harness's observer holds it: a native libdatachannel
// connection (node-datachannel), negotiated over the broker the way PeerJS negotiates it, with every
// message captured as bytes before any decoding. The judge reads those bytes itself (BinaryPack,
// chunks), and reads the remote certificate from the live DTLS handshake, never from SDP.
import type { DataChannel, PeerConnection } from 'node-datachannel';
import { ChunkReader, chunkMessage } from './chunks.ts';
import { encodeBinaryPack, toJsonish, type PackValue } from './binarypack.ts';
import type { SignalClient } from './signal.ts';

type Ndc = typeof import('node-datachannel');
let ndc: Ndc | null = null;
/** node-datachannel, loaded on first use so the rest of the harness never needs it. */
export async function loadNdc(): Promise<Ndc> {
  ndc ??= ((await import('node-datachannel')) as unknown as { default: Ndc }).default ?? ((await import('node-datachannel')) as unknown as Ndc);
  return ndc;
}

export interface RawMessage {
  at: number;
  dir: 'in' | 'out';
  /** Binary message bytes; a text message is kept as its UTF-8 with `text: true`. */
  bytes: Uint8Array;
  text: boolean;
}

export interface Frame {
  at: number;
  dir: 'in' | 'out';
  /** The decoded value, raw bytes shown as {"$bytes": hex}. */
  value: unknown;
  /** Bytes of the whole (reassembled) message. */
  size: number;
  /** Number of chunks it came in; 0 when whole. */
  chunks: number;
}

export interface WireViolation {
  at: number;
  /** The requirement of spec/11-data-connections.md the message breaks. */
  requirement: string;
  message: string;
}

export interface OfferPayload {
  sdp?: { type?: string; sdp?: string };
  type?: unknown;
  connectionId?: unknown;
  label?: unknown;
  reliable?: unknown;
  serialization?: unknown;
  [k: string]: unknown;
}

const fpOfSdp = (sdp: string | undefined): string | null => {
  const m = /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/.exec(sdp ?? '');
  return m ? m[1]!.toLowerCase() : null;
};

let chunkIds = 1;

export class Link {
  readonly raw: RawMessage[] = [];
  readonly frames: Frame[] = [];
  readonly violations: WireViolation[] = [];
  /** The OFFER payload that opened this connection (ours when we dialled, theirs when we answered). */
  offer: OfferPayload | null = null;
  opened = false;
  closed = false;
  label = '';
  #dc: DataChannel | null = null;
  #reader = new ChunkReader();
  #pendingCandidates: { candidate: string; mid: string }[] = [];
  #haveRemote = false;
  #descriptionSent = false;
  #heldCandidates: { type: string; dst: string; payload: unknown }[] = [];

  constructor(
    readonly role: 'dialler' | 'answerer',
    /** The remote broker id (the `src` of its frames, SIG-10). */
    readonly remote: string,
    readonly connectionId: string,
    private readonly pc: PeerConnection,
    private readonly signal: SignalClient,
  ) {
    pc.onLocalCandidate((candidate, mid) => {
      const frame = {
        type: 'CANDIDATE',
        dst: remote,
        payload: { candidate: { candidate: candidate.replace(/^a=/, ''), sdpMid: mid, sdpMLineIndex: 0 }, type: 'data', connectionId },
      };
      // PeerJS fails a connection whose candidate arrives before its OFFER or ANSWER
      // (addIceCandidate without a remote description), so candidates wait for the description.
      if (this.#descriptionSent) signal.send(frame);
      else this.#heldCandidates.push(frame);
    });
    pc.onStateChange((s) => {
      if (s === 'closed' || s === 'failed') this.closed = true;
    });
  }

  now(): number {
    return this.signal.now();
  }

  attach(dc: DataChannel): void {
    this.#dc = dc;
    this.label = dc.getLabel();
    dc.onOpen(() => (this.opened = true));
    dc.onClosed(() => (this.closed = true));
    dc.onError(() => (this.closed = true));
    dc.onMessage((m) => this.#received(m));
  }

  /** The serialization the OFFER named (the offerer chooses it for both directions, WIRE-08). */
  get serialization(): string {
    return typeof this.offer?.serialization === 'string' ? this.offer.serialization : 'binary';
  }

  #received(m: string | Buffer | ArrayBuffer): void {
    const at = this.now();
    if (typeof m === 'string') {
      this.raw.push({ at, dir: 'in', bytes: new TextEncoder().encode(m), text: true });
      this.violations.push({ at, requirement: 'WIRE-06', message: `a text message (${m.length} characters): peers send binary data-channel messages` });
      return;
    }
    const bytes = m instanceof ArrayBuffer ? new Uint8Array(m) : new Uint8Array(m.buffer, m.byteOffset, m.byteLength).slice();
    this.raw.push({ at, dir: 'in', bytes, text: false });
    if (this.serialization === 'json') {
      // A connection the OFFER made json (WIRE-01 forbids Kibitz peers to offer it) is read as JSON text.
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        this.violations.push({ at, requirement: 'WIRE-46', message: `a ${bytes.length}-byte message on a json connection is not UTF-8 JSON text` });
        return;
      }
      this.frames.push({ at, dir: 'in', value, size: bytes.length, chunks: 0 });
      return;
    }
    const ev = this.#reader.read(bytes);
    if (ev.kind === 'frame') this.frames.push({ at, dir: 'in', value: toJsonish(ev.value), size: ev.size, chunks: ev.chunks });
    else if (ev.kind === 'violation') this.violations.push({ at, requirement: ev.requirement, message: ev.message });
  }

  /** Our OFFER or ANSWER went to the broker: the candidates held back may follow it. */
  descriptionSent(): void {
    this.#descriptionSent = true;
    for (const f of this.#heldCandidates.splice(0)) this.signal.send(f);
  }

  setRemote(sdp: string, type: 'offer' | 'answer'): void {
    this.pc.setRemoteDescription(sdp, type);
    this.#haveRemote = true;
    for (const c of this.#pendingCandidates.splice(0)) this.#addCandidate(c);
  }

  addCandidate(c: unknown): void {
    if (typeof c !== 'object' || c === null) return;
    const { candidate, sdpMid } = c as { candidate?: unknown; sdpMid?: unknown };
    if (typeof candidate !== 'string' || candidate === '') return;
    const cand = { candidate, mid: typeof sdpMid === 'string' ? sdpMid : '0' };
    if (this.#haveRemote) this.#addCandidate(cand);
    else this.#pendingCandidates.push(cand);
  }

  #addCandidate(c: { candidate: string; mid: string }): void {
    try {
      this.pc.addRemoteCandidate(c.candidate, c.mid);
    } catch {
      /* a candidate libdatachannel cannot use (another address family); others follow */
    }
  }

  /** Canonical fingerprint of the certificate the remote presented in the live handshake, or null. */
  remoteFingerprint(): string | null {
    try {
      const fp = this.pc.remoteFingerprint();
      return fp && fp.algorithm === 'sha-256' && fp.value ? fp.value.trim().toLowerCase() : null;
    } catch {
      return null;
    }
  }

  /** Canonical fingerprint of our own certificate, from our local description. */
  localFingerprint(): string | null {
    try {
      return fpOfSdp(this.pc.localDescription()?.sdp);
    } catch {
      return null;
    }
  }

  /** Sends a value as PeerJS's BinaryPack serialization does, chunked over 16300 bytes. */
  send(value: PackValue | Record<string, unknown>): void {
    if (this.serialization === 'json') {
      const text = new TextEncoder().encode(JSON.stringify(value));
      this.frames.push({ at: this.now(), dir: 'out', value, size: text.length, chunks: 0 });
      return this.sendRaw(text);
    }
    const bytes = encodeBinaryPack(value);
    const parts = chunkMessage(bytes, chunkIds++);
    this.frames.push({ at: this.now(), dir: 'out', value: toJsonish(value as PackValue), size: bytes.length, chunks: parts.length > 1 ? parts.length : 0 });
    for (const p of parts) this.sendRaw(p);
  }

  /** Sends bytes exactly as given (garbage, or frames in another serialization). */
  sendRaw(bytes: Uint8Array): void {
    if (!this.#dc || !this.opened || this.closed) return;
    this.raw.push({ at: this.now(), dir: 'out', bytes, text: false });
    try {
      this.#dc.sendMessageBinary(Buffer.from(bytes));
    } catch {
      this.closed = true;
    }
  }

  /** Frames received so far, in order. */
  received(): Frame[] {
    return this.frames.filter((f) => f.dir === 'in');
  }

  close(): void {
    this.closed = true;
    try {
      this.#dc?.close();
    } catch {
      /* already closed */
    }
    try {
      this.pc.close();
    } catch {
      /* already closed */
    }
  }
}
