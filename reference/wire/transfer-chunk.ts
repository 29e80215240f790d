// The transfer chunk header of xfer.v2 (spec/11-data-connections.md 11.8): the byte layout of a
// binary frame [idLen u8][id: idLen bytes of UTF-8][i: u32 little-endian][payload]. Chapter 14
// says what a transfer does with it; this file only writes and reads the bytes.
import { fail, ok, type Result } from '../result.ts';
import { TRANSFER_ID_MAX } from './constants.ts';

export interface TransferChunk {
  /** The transfer id. */
  id: string;
  /** The chunk index, 0 to 2^32 - 1. */
  index: number;
  /** The bytes after the header (a view into the frame; may be empty). */
  payload: Uint8Array;
}

/** idLen and the u32 index: the header without its id. */
const HEADER_MIN = 5;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** A frame: header then payload [WIRE-48]. */
export function encodeTransferChunk(id: string, index: number, payload: Uint8Array): Result<Uint8Array> {
  const idBytes = encoder.encode(id);
  if (idBytes.length < 1 || idBytes.length > TRANSFER_ID_MAX) return fail('wire.header-id-length', `the id is ${idBytes.length} UTF-8 bytes; it must be 1 to ${TRANSFER_ID_MAX}`);
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) return fail('wire.header-index', `the index ${index} is not an integer from 0 to 2^32 - 1`);
  const out = new Uint8Array(1 + idBytes.length + 4 + payload.length);
  out[0] = idBytes.length;
  out.set(idBytes, 1);
  new DataView(out.buffer).setUint32(1 + idBytes.length, index, true);
  out.set(payload, 5 + idBytes.length);
  return ok(out);
}

/** The header and payload of a frame, checked in the order of [WIRE-49], then [WIRE-50]. */
export function parseTransferChunk(frame: Uint8Array): Result<TransferChunk> {
  if (frame.length < HEADER_MIN) return fail('wire.header-truncated', `${frame.length} bytes is shorter than the ${HEADER_MIN}-byte minimum`);
  const idLen = frame[0]!;
  if (idLen < 1 || idLen > TRANSFER_ID_MAX) return fail('wire.header-id-length', `idLen ${idLen} is not 1 to ${TRANSFER_ID_MAX}`);
  if (frame.length < HEADER_MIN + idLen) return fail('wire.header-truncated', `${frame.length} bytes cannot hold a ${idLen}-byte id and the index`);
  let id: string;
  try {
    id = strictUtf8.decode(frame.subarray(1, 1 + idLen));
  } catch {
    return fail('wire.header-id-utf8', 'the id is not valid UTF-8');
  }
  const index = new DataView(frame.buffer, frame.byteOffset + 1 + idLen, 4).getUint32(0, true);
  return ok({ id, index, payload: frame.subarray(HEADER_MIN + idLen) });
}
