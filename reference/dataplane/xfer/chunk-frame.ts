// The binary chunk frame of xfer.v2 (spec/14-data-plane.md 14.8.4). Its bytes are chapter 11's
// transfer chunk header [WIRE-48] to [WIRE-50] (reference/wire/transfer-chunk.ts), and so are its
// error codes; this file only gives the transfer layer its names.
import type { Result } from '../../result.ts';
import { encodeTransferChunk, parseTransferChunk } from '../../wire/transfer-chunk.ts';

export interface ChunkFrame {
  id: string;
  i: number;
  payload: Uint8Array;
}

export const encodeChunkFrame = (id: string, i: number, payload: Uint8Array): Result<Uint8Array> => encodeTransferChunk(id, i, payload);

export function parseChunkFrame(buf: Uint8Array): Result<ChunkFrame> {
  const r = parseTransferChunk(buf);
  return r.ok ? { ok: true, value: { id: r.value.id, i: r.value.index, payload: r.value.payload } } : r;
}
