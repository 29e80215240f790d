// The transfer kinds as single frames (spec/14-data-plane.md 14.8): what a receiver keeps of each
// before it looks at its transfers. The stateful rules (concurrency, duplicates, hashes) are in
// ../xfer/receiver.ts.
import type { JsonObject, JsonValue } from '../../encoding/json.ts';
import { toHex } from '../../encoding/text.ts';
import { fail, ok, type Result } from '../../result.ts';
import { beginView, ceilingFor, transferId, validateBegin } from '../xfer/begin.ts';
import { decodeBase64, isNumber } from '../text.ts';
import { dedup } from './author.ts';
import type { ReceiverState } from './state.ts';

type Frame = Record<string, JsonValue>;

/** xbegin [XFER-03] to [XFER-05], the mid rule of [XFER-06] and the media dedup of [CONT-12]. */
export function receiveBegin(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const offer = f.offer === true;
  const b = validateBegin(f, ceilingFor(s.sink, offer));
  if (!b.ok) return b;
  const begin = b.value;
  if (offer) {
    if (begin.kind === 'text') return fail('xfer.bad-kind', 'a text transfer is never offered');
    return ok({ k: 'xbegin', sender, ...beginView(begin) });
  }
  if (begin.mid !== undefined && begin.author === undefined && !begin.mid.startsWith(`${sender}#`)) {
    s.recvSeq += 1;
    begin.mid = `${sender}#x${s.recvSeq}`;
  }
  if (isPublicMedia(begin) && dedup(s, sender, begin.mid!, begin.author !== undefined) === 'duplicate') {
    return fail('cont.duplicate', `media ${begin.mid} is already held`);
  }
  return ok({ k: 'xbegin', sender, ...beginView(begin) });
}

const isPublicMedia = (b: { kind: string; dm: boolean; mid?: string; offer: boolean }): boolean => b.kind !== 'text' && !b.dm && !b.offer && b.mid !== undefined;

/** Claims a public media mid once the transfer is open, so a replay of it is skipped [XFER-06]. */
export function claimMediaMid(s: ReceiverState, view: JsonObject): void {
  const b = view as unknown as { kind: string; dm: boolean; mid?: string; offer: boolean; author?: string };
  if (isPublicMedia(b)) s.held.set(b.mid!, { replayed: b.author !== undefined });
}

/** xchunk [XFER-08]: id, an integer index >= 0, decodable base64 data. */
export function receiveChunk(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const id = transferId(f.id);
  if (!id.ok) return id;
  if (!isNumber(f.i) || !Number.isInteger(f.i) || f.i < 0) return fail('xfer.bad-index', 'i is not an integer >= 0');
  const bytes = typeof f.data === 'string' ? decodeBase64(f.data) : null;
  if (!bytes) return fail('xfer.bad-chunk', 'data is not decodable base64');
  return ok({ k: 'xchunk', sender, id: id.value, i: f.i, payload: toHex(bytes), dm: f.dm === true });
}

/** xend [XFER-11]: the optional hash is kept exactly as sent. */
export function receiveEnd(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const id = transferId(f.id);
  if (!id.ok) return id;
  return ok({ k: 'xend', sender, id: id.value, ...(typeof f.hash === 'string' ? { hash: f.hash } : {}), dm: f.dm === true });
}

/** xcancel, xaccept, xdecline, xack [XFER-14], [XFER-15], [XFER-20]. */
export function receiveAnswer(k: string) {
  return (_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> => {
    const id = transferId(f.id);
    if (!id.ok) return id;
    return ok({ k, sender, id: id.value, dm: f.dm === true });
  };
}

/** xresume [XFER-19]: a have that is not an integer >= 0 means 0. */
export function receiveResume(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const id = transferId(f.id);
  if (!id.ok) return id;
  const have = isNumber(f.have) && Number.isInteger(f.have) && f.have >= 0 ? f.have : 0;
  return ok({ k: 'xresume', sender, id: id.value, have, dm: f.dm === true });
}
