// The binary chunk frame of xfer.v2 (spec/14-data-plane.md 14.8.4; the byte layout is shared with
// chapter 11): [idLen u8][id: idLen bytes of UTF-8][i: u32 little-endian][payload]. It replaces
// the base64 xchunk for peers that advertise xfer.v2; the transfer it belongs to is named by id.
// TODO(lead): merge with the chunk header helper of reference/wire/ once chapter 11 lands.
import { fail, ok, type Result } from '../../result.ts';
import { decodeUtf8, utf8 } from '../../encoding/text.ts';
import { XFER_ID_MAX } from '../constants.ts';

export interface ChunkFrame {
  id: string;
  i: number;
  payload: Uint8Array;
}

const U32_MAX = 0xffffffff;

/** Encodes a frame; an id of 0 or more than 64 UTF-8 bytes, or an index outside u32, is refused [XFER-09]. */
export function encodeChunkFrame(id: string, i: number, payload: Uint8Array): Result<Uint8Array> {
  const idBytes = utf8(id);
  if (idBytes.length === 0 || idBytes.length > XFER_ID_MAX) return fail('xfer.bad-id', `a frame id is 1 to ${XFER_ID_MAX} UTF-8 bytes, not ${idBytes.length}`);
  if (!Number.isInteger(i) || i < 0 || i > U32_MAX) return fail('xfer.bad-index', 'the chunk index is a u32');
  const out = new Uint8Array(1 + idBytes.length + 4 + payload.length);
  out[0] = idBytes.length;
  out.set(idBytes, 1);
  new DataView(out.buffer).setUint32(1 + idBytes.length, i, true);
  out.set(payload, 1 + idBytes.length + 4);
  return ok(out);
}

/** Parses a frame, in the order of [XFER-10]; the payload is a view into `buf`. */
export function parseChunkFrame(buf: Uint8Array): Result<ChunkFrame> {
  if (buf.length < 5) return fail('xfer.short-frame', `${buf.length} bytes is shorter than the smallest frame`);
  const idLen = buf[0]!;
  if (idLen === 0 || idLen > XFER_ID_MAX) return fail('xfer.bad-id', `idLen ${idLen} is not 1 to ${XFER_ID_MAX}`);
  if (buf.length < 1 + idLen + 4) return fail('xfer.short-frame', `${buf.length} bytes cannot hold a ${idLen}-byte id and an index`);
  const id = decodeUtf8(buf.subarray(1, 1 + idLen));
  if (id === null) return fail('xfer.bad-id', 'the id is not valid UTF-8'); // [XFER-11]
  const i = new DataView(buf.buffer, buf.byteOffset + 1 + idLen, 4).getUint32(0, true);
  return ok({ id, i, payload: buf.subarray(1 + idLen + 4) });
}
