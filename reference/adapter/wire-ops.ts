// The reference's ops of the `wire` profile (spec/11-data-connections.md 11.10): BinaryPack
// encoding and decoding in the tagged JSON form, a sender's chunk frames, and a receiver's view of
// a sequence of data-channel messages.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { isJsonObject } from '../encoding/json.ts';
import { chunkMessage } from '../wire/chunking.ts';
import { decode } from '../wire/decode.ts';
import { encode } from '../wire/encode.ts';
import { WireReceiver } from '../wire/receiver.ts';
import { fromTagged, parseHex, toHex, toTagged } from '../wire/tagged-json.ts';
import { InputError, str } from './input.ts';
import type { OpHandler, OpOutcome } from './outcome.ts';

const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

/** Hexadecimal input of either case [WIRE-51]; anything else is input.invalid. */
function hexInput(v: unknown, what: string): Uint8Array {
  const bytes = typeof v === 'string' ? parseHex(v) : null;
  if (!bytes) throw new InputError(`${what} must be hexadecimal, two digits per byte`);
  return bytes;
}

/** A data-channel message of `wire.reassemble`: hex for binary, {text} for a text message. */
function channelMessage(v: unknown, i: number): Uint8Array | string {
  if (isJsonObject(v) && typeof v.text === 'string' && Object.keys(v).length === 1) return v.text;
  return hexInput(v, `frames[${i}]`);
}

export const WIRE_OPS: Record<string, OpHandler> = {
  'wire.encode': (i) => {
    if (!('value' in i)) throw new InputError('value is required');
    const value = fromTagged(i.value);
    if (!value.ok) throw new InputError(`value is not in the tagged form: ${value.error.message}`);
    const bytes = encode(value.value);
    if (!bytes.ok) return err(bytes.error.code, bytes.error.message);
    return { ok: true, output: { hex: toHex(bytes.value) } };
  },
  'wire.decode': (i) => {
    const bytes = hexInput(str(i, 'hex'), 'hex');
    const value = decode(bytes);
    if (!value.ok) return err(value.error.code, value.error.message);
    return { ok: true, output: { value: toTagged(value.value) } };
  },
  'wire.chunk': (i) => {
    const message = hexInput(str(i, 'hex'), 'hex');
    const id = i.chunkId;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > Number.MAX_SAFE_INTEGER) {
      throw new InputError('chunkId must be an integer from 1 to 2^53 - 1');
    }
    const frames = chunkMessage(message, id);
    if (!frames.ok) return err(frames.error.code, frames.error.message);
    return { ok: true, output: { frames: frames.value.map(toHex) } };
  },
  'wire.reassemble': (i) => {
    if (!Array.isArray(i.frames)) throw new InputError('frames must be an array');
    const serialization = i.serialization ?? 'binary';
    if (serialization !== 'binary' && serialization !== 'json') throw new InputError('serialization must be "binary" or "json"');
    const frames = i.frames.map(channelMessage); // the whole input is checked before anything is fed
    const receiver = new WireReceiver(serialization);
    const messages: JsonValue[] = [];
    const dropped: JsonObject[] = [];
    let closed = false;
    for (let n = 0; n < frames.length && !closed; n++) {
      const e = receiver.receive(frames[n]!);
      if (e.kind === 'message') messages.push(toTagged(e.value));
      else if (e.kind === 'dropped') dropped.push({ frame: n, error: e.code });
      else if (e.kind === 'closed') closed = true;
    }
    return { ok: true, output: { messages, dropped, pending: receiver.pendingCount, closed } };
  },
};
