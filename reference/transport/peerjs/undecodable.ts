// PeerJS 1.5.5 decodes each data-channel message inside an event listener, with no bounds:
// - a lone `c1` decodes to undefined and `undefined.__peerData` throws; JSON.parse throws on a json
//   connection. In a browser that is one console error; in Node an exception out of an EventTarget
//   listener ends the process.
// - a 5-byte `dd ff ff ff ff` (an array of 2^32 - 1 items) makes its unpacker loop four billion
//   times past the end of the input (reads past the end are not errors there): the event loop
//   hangs, in a browser tab as in Node.
// A receiver never fails on a received value [MSG-07]. So before PeerJS sees a BinaryPack message,
// the reference decoder (bounded and strict, spec/11-data-connections.md) must accept it; a message
// it rejects is dropped [WIRE-25], and whatever PeerJS still throws on is dropped too.
import { decode } from '../../wire/decode.ts';

type Decoding = { _handleDataMessage?: (e: { data?: unknown }) => void; serialization?: unknown };

const BINARY = new Set(['binary', 'binary-utf8', 'default']);

let guarded = false;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Makes every PeerJS data connection drop a message it cannot safely decode. Idempotent. */
export function dropUndecodable(peerjs: object): void {
  const proto = (peerjs as { BufferedConnection?: { prototype: Record<string, unknown> } }).BufferedConnection?.prototype;
  if (guarded || !proto || typeof proto._initializeDataChannel !== 'function') return;
  guarded = true;
  const init = proto._initializeDataChannel as (this: Decoding, dc: unknown) => void;
  proto._initializeDataChannel = function (this: Decoding, dc: unknown) {
    init.call(this, dc);
    // The listener PeerJS just added calls this._handleDataMessage at each message: wrap it here.
    const handle = this._handleDataMessage;
    if (typeof handle !== 'function') return;
    this._handleDataMessage = function (this: Decoding, e: { data?: unknown }) {
      if (BINARY.has(String(this.serialization))) {
        const bytes = bytesOf(e?.data);
        if (!bytes || !decode(bytes).ok) return; // undecodable: dropped [MSG-07, WIRE-25]
      }
      try {
        handle.call(this, e);
      } catch {
        /* PeerJS could not read it either: dropped [MSG-07] */
      }
    };
  };
}
