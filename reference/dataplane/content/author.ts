// Attribution of received content (spec/14-data-plane.md 14.6). The sender is always the remote
// peer id of the data connection [CONT-01]. A replayed line may name another author for display;
// that name never becomes an identity [CONT-02], and its mid is exempt from the sender prefix
// rule only because it is a replay [CONT-11] (the weakness of CONT-12).
import type { JsonValue } from '../../encoding/json.ts';
import { ID_MAX } from '../constants.ts';
import { cut, isNumber, trimmedName } from '../text.ts';
import { senderName, type ReceiverState } from './state.ts';

export interface Author {
  author: string;
  name: string;
}

/** The display author: the sender, or a carried original author (live roster name first) [CONT-02]. */
export function displayAuthor(s: ReceiverState, sender: string, from: JsonValue | undefined, name: JsonValue | undefined): Author {
  const a = trimmedName(from, ID_MAX);
  if (a === undefined || a === '') return { author: sender, name: senderName(s, sender) };
  const live = s.roster.get(a) || undefined;
  const carried = trimmedName(name, ID_MAX) || undefined;
  return { author: a, name: live || carried || a };
}

/**
 * The stable id and order key of a received public line [CONT-11]: a supplied mid (cut to 80) is
 * kept when it starts with `<sender>#`, or when the frame is a replay; otherwise the receiver mints
 * `<sender>#r<n>` from its counter. A line without a numeric ts is ordered at the receive time.
 */
export function resolveMid(s: ReceiverState, sender: string, mid: JsonValue | undefined, ts: JsonValue | undefined, replay: boolean, seq: number): { mid: string; ts: number } {
  const supplied = typeof mid === 'string' && mid !== '' ? cut(mid, ID_MAX) : '';
  const keep = supplied !== '' && (replay || supplied.startsWith(`${sender}#`));
  return { mid: keep ? supplied : `${sender}#r${seq}`, ts: isNumber(ts) ? ts : s.now };
}

/** A frame is a replay when it names an original author: a non-empty `from` string [CONT-11]. */
export const isReplay = (from: JsonValue | undefined): boolean => typeof from === 'string' && from !== '';

/**
 * The public-mid dedup of [CONT-12] and its hardening [CONT-13]: a held mid drops the frame, unless
 * the held copy came in as a replay and this frame is the live line of the mid's own sender, which
 * then replaces it.
 */
export function dedup(s: ReceiverState, sender: string, mid: string, replay: boolean): 'new' | 'replace' | 'duplicate' {
  const held = s.held.get(mid);
  if (!held) return 'new';
  if (held.replayed && !replay && mid.startsWith(`${sender}#`)) return 'replace';
  return 'duplicate';
}
