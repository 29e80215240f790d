// Content kinds that carry engine state rather than something people see: idtoken, caps (chapter
// 5 and 13 say what a receiver does with them), ctl and the blob lanes (spec/14-data-plane.md
// 14.7.8).
import { isJsonObject, type JsonObject, type JsonValue } from '../../encoding/json.ts';
import { fail, ok, type Result } from '../../result.ts';
import { sanitizeGrant } from '../../agents/grant.ts';
import { JWT_MAX, PAYLOAD_JSON_MAX } from '../constants.ts';
import { isNumber, jsonLength } from '../text.ts';
import type { ReceiverState } from './state.ts';

type Frame = Record<string, JsonValue>;

/** idtoken [MSG-37]: kept for lazy verification against this connection's certificate. */
export function receiveIdToken(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  if (typeof f.jwt !== 'string' || f.jwt === '') return fail('cont.empty', 'no token');
  if (f.jwt.length > JWT_MAX) return fail('cont.too-long', `the token is longer than ${JWT_MAX}`);
  return ok({ k: 'idtoken', sender, jwt: f.jwt });
}

/** caps [CONT-31]: the whole override map, each grant sanitized by chapter 13 [GRANT-05]. Whether to apply it is [CAPS-03]. */
export function receiveCaps(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const grants = isJsonObject(f.grants) ? f.grants : {};
  return ok({ k: 'caps', sender, grants: Object.fromEntries(Object.entries(grants).map(([id, g]) => [id, sanitizeGrant(g)])) as JsonObject });
}

/** ctl [CONT-29], [CONT-34]: opaque stage control, bounded like an app payload. */
export function receiveCtl(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const m = f.m ?? null;
  if (m !== null && jsonLength(m) > PAYLOAD_JSON_MAX) return fail('cont.too-large', `m is longer than ${PAYLOAD_JSON_MAX} characters of JSON`);
  return ok({ k: 'ctl', sender, m });
}

/** blob [CONT-30]: want / have / get by content hash. */
export function receiveBlob(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const m = f.m;
  if (!isJsonObject(m)) return fail('cont.empty', 'no blob message');
  if (m.v !== 1 || (m.op !== 'want' && m.op !== 'have' && m.op !== 'get') || typeof m.hash !== 'string') {
    return fail('cont.bad-field', 'm is not {v: 1, op: want | have | get, hash}');
  }
  return ok({ k: 'blob', sender, op: m.op, hash: m.hash });
}

/** blobdata [CONT-30]: one chunk of a blob. */
export function receiveBlobData(_s: ReceiverState, sender: string, f: Frame): Result<JsonObject> {
  const m = f.m;
  if (!isJsonObject(m)) return fail('cont.empty', 'no blob chunk');
  if (typeof m.hash !== 'string' || !isNumber(m.i) || !isNumber(m.n) || typeof m.b64 !== 'string') {
    return fail('cont.bad-field', 'm is not {hash, i, n, b64}');
  }
  return ok({ k: 'blobdata', sender, hash: m.hash, i: m.i, n: m.n, b64: m.b64 });
}
