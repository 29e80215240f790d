// The sending half of PeerJS chunking (spec/11-data-connections.md 11.6, "Sending"): an encoded
// message longer than 16300 bytes leaves as {__peerData, n, data, total} chunk frames, each itself
// a BinaryPack message.
import { fail, ok, type Result } from '../result.ts';
import { CHUNK_MTU, MAX_CHUNKS, MAX_MESSAGE_BYTES, PEER_DATA } from './constants.ts';
import { encode } from './encode.ts';

/**
 * The data-channel messages that carry one encoded message on a connection whose chunk counter
 * stands at `chunkId`: the message itself when it has at most 16300 bytes [WIRE-37], else its chunk
 * frames in order [WIRE-36]. A message of more than 512 chunks is refused [WIRE-42].
 */
export function chunkMessage(message: Uint8Array, chunkId: number): Result<Uint8Array[]> {
  if (message.length <= CHUNK_MTU) return ok([message]);
  const total = Math.ceil(message.length / CHUNK_MTU);
  if (total > MAX_CHUNKS) return fail('wire.message-too-large', `${message.length} bytes is more than ${MAX_MESSAGE_BYTES} (${MAX_CHUNKS} chunks)`);
  const frames: Uint8Array[] = [];
  for (let n = 0; n < total; n++) {
    const data = message.subarray(n * CHUNK_MTU, Math.min(message.length, (n + 1) * CHUNK_MTU));
    // Members in PeerJS's order: __peerData, n, data, total [WIRE-36].
    const frame = encode({ [PEER_DATA]: chunkId, n, data, total });
    if (!frame.ok) return frame; // unreachable: every member is a small integer or bytes
    frames.push(frame.value);
  }
  return ok(frames);
}

/** One end's sending state on a BinaryPack connection: its chunk counter, from 1 [WIRE-36]. */
export class BinarySender {
  private nextChunkId = 1;

  /** The data-channel messages for one message value, in order; the counter moves only when it chunks. */
  send(value: unknown): Result<Uint8Array[]> {
    if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, PEER_DATA)) {
      return fail('wire.reserved-member', `an application message may not have a member ${PEER_DATA}`); // [WIRE-34]
    }
    const bytes = encode(value);
    if (!bytes.ok) return bytes;
    const frames = chunkMessage(bytes.value, this.nextChunkId);
    if (frames.ok && frames.value.length > 1) this.nextChunkId++;
    return frames;
  }
}
