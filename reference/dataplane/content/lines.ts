// Chat lines and legacy inline images (spec/14-data-plane.md 14.7.1, 14.7.2).
import type { JsonObject, JsonValue } from '../../encoding/json.ts';
import { fail, ok, type Result } from '../../result.ts';
import { CHAT_MAX_LEN, IMG_DATA_MAX, IMG_NAME_MAX } from '../constants.ts';
import { cutTrim, isNumber, trimmedName } from '../text.ts';
import { dedup, displayAuthor, isReplay, resolveMid } from './author.ts';
import { senderName, type ReceiverState } from './state.ts';

type Frame = Record<string, JsonValue>;

/** A public line's mid, dedup verdict and author; mints a fallback mid from the counter [CONT-11]. */
function publicLine(s: ReceiverState, sender: string, f: Frame, authorName: JsonValue | undefined): Result<JsonObject> {
  const replay = isReplay(f.from);
  s.recvSeq += 1; // every public line advances the counter, whether or not it needs a fallback
  const { mid, ts } = resolveMid(s, sender, f.mid, f.ts, replay, s.recvSeq);
  const verdict = dedup(s, sender, mid, replay);
  if (verdict === 'duplicate') return fail('cont.duplicate', `mid ${mid} is already held`);
  const { author, name } = displayAuthor(s, sender, f.from, authorName);
  s.held.set(mid, { replayed: replay });
  return ok({ author, name, dm: false, mid, ts, ...(verdict === 'replace' ? { replaces: true } : {}) });
}

/** chat [CONT-10]: text cut to 500 code units then trimmed; empty drops. */
export function receiveChat(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const text = cutTrim(typeof f.text === 'string' ? f.text : '', CHAT_MAX_LEN);
  if (text === '') return fail('cont.empty', 'the chat text is empty after cutting and trimming');
  if (f.dm === true) return ok({ k: 'chat', sender, author: sender, name: senderName(s, sender), dm: true, text });
  const line = publicLine(s, sender, f, f.name);
  if (!line.ok) return line;
  return ok({ k: 'chat', sender, ...line.value, text });
}

const IMG_MIME = /^image\/(png|jpe?g|webp|gif)$/i;
const IMG_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Positive dimensions are rounded half up; a dimension that rounds to 0 is left out [CONT-15]. */
function dimension(v: JsonValue | undefined): number | undefined {
  if (!isNumber(v) || v <= 0) return undefined;
  const r = Math.floor(v + 0.5);
  return r > 0 ? r : undefined;
}

/** img [CONT-15], [CONT-16]: a legacy inline image. */
export function receiveImg(s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  if (typeof f.mime !== 'string' || !IMG_MIME.test(f.mime)) return fail('cont.bad-mime', 'mime is not image/png, jpeg, jpg, webp or gif');
  const data = typeof f.data === 'string' ? f.data : '';
  if (data === '') return fail('cont.empty', 'no image data');
  if (data.length > IMG_DATA_MAX) return fail('cont.too-long', `image data is longer than ${IMG_DATA_MAX}`);
  if (!IMG_BASE64.test(data)) return fail('cont.bad-base64', 'image data is not base64');
  const fileName = trimmedName(f.name, IMG_NAME_MAX);
  const w = dimension(f.w);
  const h = dimension(f.h);
  const body: JsonObject = { mime: f.mime, data, ...(fileName !== undefined ? { fileName } : {}), ...(w ? { w } : {}), ...(h ? { h } : {}) };
  if (f.dm === true) return ok({ k: 'img', sender, author: sender, name: senderName(s, sender), dm: true, ...body });
  const line = publicLine(s, sender, f, f.name2);
  if (!line.ok) return line;
  return ok({ k: 'img', sender, ...line.value, ...body });
}
