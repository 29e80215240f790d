// How a sender plans one transfer to one peer (spec/14-data-plane.md 14.8.1, 14.8.6): the chunk
// arithmetic, the route the receiver can take, and what both sides negotiated through `~kbz.f`.
import { KNOWN_FEATURE_TAGS } from '../../../schemas/src/presence.ts';
import { fail, ok, type Result } from '../../result.ts';
import { CHUNK_BYTES, DISK_MAX_BYTES, DOWNLOAD_MAX_BYTES, MEMORY_MAX_BYTES } from '../constants.ts';
import { chunkCount, type XferKind } from './begin.ts';

/** The transfer feature tags of `~kbz.f` (one list, in the presence schemas) [XFER-01]. */
export const XFER_FEATURES: readonly string[] = KNOWN_FEATURE_TAGS.filter((t) => t.startsWith('xfer.'));
// In the order the presence schema lists them: xfer.v1, xfer.v2, xfer.dl, xfer.resume.
const [V1, V2, DL, RESUME] = XFER_FEATURES as [string, string, string, string];
/** The tag both sides advertise to resume a transfer [XFER-17]. */
export const XFER_RESUME = RESUME;

export type Route = 'inline' | 'stream' | 'offer' | 'legacy-chat' | 'legacy-img' | 'skip';

export interface Plan {
  n: number;
  chunkBytes: number;
  lastChunkBytes: number;
  route: Route;
  /** How chunks travel, for routes that send chunks. */
  framing?: 'binary' | 'base64';
  /** Both sides advertise xfer.resume. */
  resume: boolean;
}

/** [XFER-01], [XFER-02], [XFER-21]. */
export function planTransfer(size: number, kind: XferKind, peer: readonly string[], self: readonly string[] = XFER_FEATURES): Result<Plan> {
  if (!Number.isInteger(size) || size < 0) return fail('xfer.bad-size', 'a payload has a whole number of bytes >= 0');
  if (size > DOWNLOAD_MAX_BYTES) return fail('xfer.too-large', `${size} bytes is over the ${DOWNLOAD_MAX_BYTES}-byte ceiling of every receiver`);
  const both = (tag: string) => self.includes(tag) && peer.includes(tag);
  const n = chunkCount(size);
  const lastChunkBytes = n === 0 ? 0 : size - (n - 1) * CHUNK_BYTES;
  const resume = both(RESUME);
  let route: Route;
  if (!both(V1)) route = size > MEMORY_MAX_BYTES ? 'skip' : kind === 'text' ? 'legacy-chat' : kind === 'image' ? 'legacy-img' : 'skip';
  else if (size <= MEMORY_MAX_BYTES) route = 'inline';
  else if (kind === 'text') route = 'skip';
  else if (size <= DISK_MAX_BYTES) route = 'stream';
  else route = both(DL) ? 'offer' : 'skip';
  const chunks = route === 'inline' || route === 'stream' || route === 'offer';
  return ok({ n, chunkBytes: CHUNK_BYTES, lastChunkBytes, route, ...(chunks ? { framing: both(V2) ? 'binary' : 'base64' } : {}), resume });
}
