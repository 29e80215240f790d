// The receiving end of one data connection as a sans-IO machine (spec/11-data-connections.md
// 11.6, "Receiving", and 11.7): data-channel messages in, one event out for each. It decodes,
// separates PeerJS control frames from application messages, reassembles chunks with bounds, and
// reports every drop with its code. Nothing here throws on input.
import type { Result } from '../result.ts';
import { CHUNK_MTU, MAX_CHUNKS, MAX_PENDING, PEER_DATA } from './constants.ts';
import { decode } from './decode.ts';
import { decodeJsonMessage } from './json-serialization.ts';
import { isWireObject, WireMap, type WireObject, type WireValue } from './value.ts';

export type ReceiveEvent =
  | { kind: 'message'; value: WireValue }
  | { kind: 'stored' }
  | { kind: 'dropped'; code: string; message: string }
  | { kind: 'closed' }
  | { kind: 'ignored' };

export type ReceiverSerialization = 'binary' | 'json';

interface Pending {
  total: number;
  parts: (Uint8Array | undefined)[];
  count: number;
}

const dropped = (code: string, message: string): ReceiveEvent => ({ kind: 'dropped', code, message });
const isU53 = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= Number.MAX_SAFE_INTEGER;

/** ECMAScript truthiness, which is what makes a member `__peerData` a control frame [WIRE-33]. */
function truthy(v: WireValue): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

/** True when a map anywhere in the value has a key that is not a string, or a repeated key [WIRE-31]. */
function hasBadKeys(v: WireValue): boolean {
  if (v instanceof WireMap) return true;
  if (Array.isArray(v)) return v.some(hasBadKeys);
  if (isWireObject(v)) return Object.values(v).some(hasBadKeys);
  return false;
}

/** The `__peerData` member of a control frame, or undefined for an application message [WIRE-33]. */
function peerData(v: WireValue): WireValue | undefined {
  if (!isWireObject(v) || !Object.prototype.hasOwnProperty.call(v, PEER_DATA)) return undefined;
  const pd = v[PEER_DATA];
  return truthy(pd) ? pd : undefined;
}

const isClose = (pd: WireValue): boolean => isWireObject(pd) && pd.type === 'close';

export class WireReceiver {
  private readonly pending = new Map<number, Pending>();
  private isClosed = false;

  constructor(readonly serialization: ReceiverSerialization = 'binary') {}

  /** Incomplete chunked messages held now [WIRE-43]. */
  get pendingCount(): number {
    return this.pending.size;
  }
  get closed(): boolean {
    return this.isClosed;
  }

  /** The connection closed: every incomplete message is discarded [WIRE-38]. */
  close(): void {
    this.isClosed = true;
    this.pending.clear();
  }

  /** One data-channel message: bytes for a binary message, a string for a text message. */
  receive(data: Uint8Array | string): ReceiveEvent {
    if (this.isClosed) return { kind: 'ignored' }; // nothing after a close frame [WIRE-35]
    if (typeof data === 'string') return dropped('wire.text-message', 'a text message on a binary connection'); // [WIRE-07]
    return this.serialization === 'json' ? this.receiveJson(data) : this.receiveBinary(data, false);
  }

  private receiveJson(bytes: Uint8Array): ReceiveEvent {
    const parsed = decodeJsonMessage(bytes);
    if (!parsed.ok) return dropped(parsed.error.code, parsed.error.message);
    const v = parsed.value as WireValue;
    if (isWireObject(v) && truthy(v[PEER_DATA]) && isClose(v[PEER_DATA]!)) return this.closeFrame();
    return { kind: 'message', value: v };
  }

  private closeFrame(): ReceiveEvent {
    this.close();
    return { kind: 'closed' };
  }

  private receiveBinary(bytes: Uint8Array, reassembled: boolean): ReceiveEvent {
    const decoded: Result<WireValue> = decode(bytes);
    if (!decoded.ok) return dropped(decoded.error.code, decoded.error.message);
    const value = decoded.value;
    if (hasBadKeys(value)) return dropped('wire.bad-key', 'a map has a key that is not a string, or the same key twice');
    const pd = peerData(value);
    if (pd === undefined) return { kind: 'message', value };
    if (reassembled) return dropped('wire.bad-chunk', 'a reassembled message is itself a PeerJS control frame'); // [WIRE-44]
    if (isClose(pd)) return this.closeFrame();
    return this.chunk(value as WireObject);
  }

  private chunk(c: WireObject): ReceiveEvent {
    const { [PEER_DATA]: id, n, total, data } = c;
    // Field checks in the order of 11.6 [WIRE-39], [WIRE-42].
    if (!isU53(id, 1)) return dropped('wire.bad-chunk', '__peerData is not an integer from 1 to 2^53 - 1');
    if (!isU53(total, 1)) return dropped('wire.bad-chunk', 'total is not a positive integer');
    if (total > MAX_CHUNKS) return dropped('wire.message-too-large', `total ${total} is more than ${MAX_CHUNKS} chunks`);
    if (!isU53(n, 0) || n >= total) return dropped('wire.bad-chunk', `n is not an integer from 0 to ${total - 1}`);
    if (!(data instanceof Uint8Array) || data.length > CHUNK_MTU) return dropped('wire.bad-chunk', `data is not bytes of at most ${CHUNK_MTU}`);
    let p = this.pending.get(id);
    if (p && p.total !== total) return dropped('wire.chunk-conflict', `total ${total} differs from ${p.total} of the first chunk of message ${id}`); // [WIRE-40]
    if (p?.parts[n]) return dropped('wire.chunk-conflict', `chunk ${n} of message ${id} arrived twice`);
    if (!p) {
      if (this.pending.size >= MAX_PENDING) return dropped('wire.too-many-pending', `${MAX_PENDING} chunked messages are already incomplete`); // [WIRE-43]
      p = { total, parts: new Array<Uint8Array | undefined>(total), count: 0 };
      this.pending.set(id, p);
    }
    p.parts[n] = data;
    p.count++;
    if (p.count < total) return { kind: 'stored' };
    // Complete: the slices in index order are one message [WIRE-38].
    this.pending.delete(id);
    const whole = new Uint8Array(p.parts.reduce((s, b) => s + b!.length, 0));
    let at = 0;
    for (const b of p.parts) {
      whole.set(b!, at);
      at += b!.length;
    }
    return this.receiveBinary(whole, true);
  }
}
