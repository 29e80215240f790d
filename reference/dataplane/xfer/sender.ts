// The frames a sender emits for one transfer to one peer (spec/14-data-plane.md 14.8.3): xbegin,
// every chunk in index order, xend with the SHA-256 of the whole payload. A resumed leg starts at
// the receiver's `have` and repeats no xbegin. Pacing (backpressure, the bulk-open wait) is the
// transport's job and is not in these frames.
import { sha256 } from '@noble/hashes/sha2.js';
import type { JsonObject } from '../../encoding/json.ts';
import { toHex } from '../../encoding/text.ts';
import { fail, ok, type Result } from '../../result.ts';
import { CHUNK_BYTES } from '../constants.ts';
import { encodeBase64 } from '../text.ts';
import { chunkCount, type XferKind } from './begin.ts';
import { encodeChunkFrame } from './chunk-frame.ts';

export interface SendSpec {
  id: string;
  kind: XferKind;
  payload: Uint8Array;
  framing: 'binary' | 'base64';
  mime?: string;
  name?: string;
  dm?: boolean;
  /** A public line's stable id and send time, and a replay's original author [XFER-13]. */
  mid?: string;
  ts?: number;
  author?: string;
  authorName?: string;
  /** A pull offer: only xbegin is sent now; chunks follow the receiver's xaccept [XFER-14]. */
  offer?: boolean;
  /** Resume from this chunk: no xbegin [XFER-19]. */
  from?: number;
}

/** One frame: a JSON content frame, or a binary chunk frame. */
export type SentFrame = { msg: JsonObject } | { bytes: Uint8Array };

export function beginFrame(s: SendSpec): JsonObject {
  const f: JsonObject = { k: 'xbegin', id: s.id, kind: s.kind, size: s.payload.length, n: chunkCount(s.payload.length) };
  if (s.mime) f.mime = s.mime;
  if (s.name) f.name = s.name;
  if (s.offer) f.offer = true;
  if (s.mid !== undefined) f.mid = s.mid;
  if (s.ts !== undefined) f.ts = s.ts;
  if (s.author !== undefined) f.author = s.author;
  if (s.authorName !== undefined) f.authorName = s.authorName;
  if (s.dm) f.dm = true;
  return f;
}

export function chunkFrame(s: SendSpec, i: number): Result<SentFrame> {
  const part = s.payload.subarray(i * CHUNK_BYTES, Math.min((i + 1) * CHUNK_BYTES, s.payload.length));
  if (s.framing === 'binary') {
    const f = encodeChunkFrame(s.id, i, part);
    return f.ok ? ok({ bytes: f.value }) : f;
  }
  return ok({ msg: { k: 'xchunk', id: s.id, i, data: encodeBase64(part), ...(s.dm ? { dm: true } : {}) } });
}

/** The hash of the whole payload, lower-case hex, on every xend, resumed legs included [XFER-12], [XFER-19]. */
export const endFrame = (s: SendSpec): JsonObject => ({ k: 'xend', id: s.id, hash: toHex(sha256(s.payload)), ...(s.dm ? { dm: true } : {}) });

/** Every frame of a fresh send, an offer, or a resumed leg, in order. */
export function transferFrames(s: SendSpec): Result<SentFrame[]> {
  const n = chunkCount(s.payload.length);
  const start = s.from ?? 0;
  if (!Number.isInteger(start) || start < 0) return fail('xfer.bad-index', 'a resume point is an integer >= 0');
  const frames: SentFrame[] = [];
  if (s.from === undefined) frames.push({ msg: beginFrame(s) });
  if (s.offer && s.from === undefined) return ok(frames);
  for (let i = Math.min(start, n); i < n; i++) {
    const f = chunkFrame(s, i);
    if (!f.ok) return f;
    frames.push(f.value);
  }
  frames.push({ msg: endFrame(s) });
  return ok(frames);
}
