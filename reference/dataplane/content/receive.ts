// The content receiver (spec/14-data-plane.md 14.6): one frame from one sender in, the receiver's
// sanitized view of it out, or the code of the step that dropped it. The steps run in the order
// of [CONT-03]; each kind's own rules follow in its file.
import { isJsonObject, type JsonObject, type JsonValue } from '../../encoding/json.ts';
import { fail, type Result } from '../../result.ts';
import { CONTENT_KINDS } from '../../../schemas/src/dataplane.ts';
import { ACT_EXEMPT } from '../policy.ts';
import { receiveApp, receiveInk, receivePay, receiveSchema, receiveWevt, receiveWidget } from './apps.ts';
import { receiveBlob, receiveBlobData, receiveCaps, receiveCtl, receiveIdToken } from './control.ts';
import { receiveLedger } from './ledger.ts';
import { receiveChat, receiveImg } from './lines.ts';
import { wrongMember } from './members.ts';
import type { ReceiverState } from './state.ts';
import { claimMediaMid, receiveAnswer, receiveBegin, receiveChunk, receiveEnd, receiveResume } from './transfer.ts';

type Frame = Record<string, JsonValue>;
type KindRule = (s: ReceiverState, sender: string, f: Frame) => Result<JsonObject>;

const RULES: Record<string, KindRule> = {
  chat: receiveChat,
  img: receiveImg,
  xbegin: receiveBegin,
  xchunk: receiveChunk,
  xend: receiveEnd,
  xcancel: receiveAnswer('xcancel'),
  xaccept: receiveAnswer('xaccept'),
  xdecline: receiveAnswer('xdecline'),
  xresume: receiveResume,
  xack: receiveAnswer('xack'),
  app: receiveApp,
  pay: receivePay,
  ink: receiveInk,
  idtoken: receiveIdToken,
  caps: receiveCaps,
  schema: receiveSchema,
  ledger: (s, sender, f) => receiveLedger(s, sender, 'ledger', f),
  chatledger: (s, sender, f) => receiveLedger(s, sender, 'chatledger', f),
  ctl: receiveCtl,
  blob: receiveBlob,
  blobdata: receiveBlobData,
  widget: receiveWidget,
  wevt: receiveWevt,
};

const KNOWN: ReadonlySet<string> = new Set(CONTENT_KINDS);

/**
 * Steps 1 to 4 of [CONT-03], then the kind's rules: not an object, unknown kind [MSG-36], a member
 * of the wrong type [CONT-04], a sender chapter 13 forbids to act [CONT-05], [CAPS-15]. Never throws.
 */
export function receiveContent(s: ReceiverState, sender: string, frame: JsonValue): Result<JsonObject> {
  if (!isJsonObject(frame)) return fail('cont.not-object', 'a content frame is a JSON object');
  const k = frame.k;
  if (typeof k !== 'string' || !KNOWN.has(k)) return fail('cont.unknown-kind', `k ${JSON.stringify(k ?? null)} names no content kind`);
  const wrong = wrongMember(k, frame);
  if (wrong !== null) return fail('cont.bad-field', `${k}.${wrong} has the wrong JSON type`);
  if (!ACT_EXEMPT.has(k) && !s.policy.mayAct(sender, k)) return fail('cont.not-permitted', `${sender} may not send ${k}`);
  const r = RULES[k]!(s, sender, frame);
  if (r.ok && k === 'xbegin') claimMediaMid(s, r.value);
  return r;
}
