// Validating a transfer's `xbegin` (spec/14-data-plane.md 14.8.2): the receiver's trust boundary
// for a transfer. A peer cannot claim one chunk for 50 MiB, or a billion empty chunks.
import type { JsonObject, JsonValue } from '../../encoding/json.ts';
import { fail, ok, type Result } from '../../result.ts';
import { CHUNK_BYTES, DISK_MAX_BYTES, DOWNLOAD_MAX_BYTES, ID_MAX, MEMORY_MAX_BYTES, XFER_ID_MAX, XFER_MIME_MAX, XFER_NAME_MAX } from '../constants.ts';
import { cut, isNumber, trimmedName } from '../text.ts';

export const XFER_KINDS = ['text', 'image', 'file'] as const;
export type XferKind = (typeof XFER_KINDS)[number];

export interface Begin {
  id: string;
  kind: XferKind;
  size: number;
  n: number;
  mime?: string;
  name?: string;
  mid?: string;
  ts?: number;
  author?: string;
  authorName?: string;
  offer: boolean;
  dm: boolean;
}

/** Chunks a payload of `size` bytes takes: 0 for an empty one [XFER-02]. */
export const chunkCount = (size: number, chunkBytes = CHUNK_BYTES): number => (size <= 0 ? 0 : Math.ceil(size / chunkBytes));

/** The receiver's ceiling for a transfer [XFER-04]: its sink, or the download tier for an offer. */
export function ceilingFor(sink: 'memory' | 'disk', offer: boolean): number {
  if (offer) return DOWNLOAD_MAX_BYTES;
  return sink === 'disk' ? DISK_MAX_BYTES : MEMORY_MAX_BYTES;
}

/** A transfer id as the receiver keys it: a non-empty string, cut to 64 code units [XFER-03]. */
export function transferId(v: JsonValue | undefined): Result<string> {
  return typeof v === 'string' && v !== '' ? ok(cut(v, XFER_ID_MAX)) : fail('xfer.bad-id', 'id is not a non-empty string');
}

/** Steps of [XFER-03] to [XFER-05], in order; the first that fails names the code. */
export function validateBegin(f: Record<string, JsonValue>, max: number): Result<Begin> {
  const id = transferId(f.id);
  if (!id.ok) return id;
  const kind = f.kind;
  if (typeof kind !== 'string' || !(XFER_KINDS as readonly string[]).includes(kind)) return fail('xfer.bad-kind', 'kind is not text, image or file');
  const size = f.size;
  if (!isNumber(size) || size < 0) return fail('xfer.bad-size', 'size is not a number >= 0');
  if (size > max) return fail('xfer.too-large', `size ${size} is over this receiver's ${max} bytes`);
  const n = f.n;
  if (!isNumber(n) || !Number.isInteger(n) || n !== chunkCount(size)) return fail('xfer.bad-count', `n must be ${chunkCount(size)} for ${size} bytes`);
  const b: Begin = { id: id.value, kind: kind as XferKind, size, n, offer: f.offer === true, dm: f.dm === true };
  if (typeof f.mime === 'string' && f.mime !== '') b.mime = cut(f.mime, XFER_MIME_MAX);
  const name = trimmedName(f.name, XFER_NAME_MAX);
  if (name) b.name = name;
  if (typeof f.mid === 'string' && f.mid !== '') b.mid = cut(f.mid, ID_MAX);
  if (isNumber(f.ts)) b.ts = f.ts;
  const author = trimmedName(f.author, ID_MAX);
  if (author) b.author = author;
  const authorName = trimmedName(f.authorName, ID_MAX);
  if (authorName) b.authorName = authorName;
  return ok(b);
}

export const beginView = (b: Begin): JsonObject => ({ ...b }) as unknown as JsonObject;
