// Error codes of the message decoders (spec/07-messages.md, "Errors"). Every rejection names the
// JSON Pointer of the failing member, so a report can say exactly which member broke which rule.
import type { KbzError } from '../result.ts';

export const MSG_WRONG_TYPE = 'msg.wrong-type';
export const MSG_MISSING_FIELD = 'msg.missing-field';
export const MSG_UNKNOWN_TYPE = 'msg.unknown-type';
export const MSG_TOO_LONG = 'msg.too-long';
export const MSG_BAD_VALUE = 'msg.bad-value';
export const MSG_UNKNOWN_FIELD = 'msg.unknown-field';

export const MSG_ERROR_CODES = [MSG_WRONG_TYPE, MSG_MISSING_FIELD, MSG_UNKNOWN_TYPE, MSG_TOO_LONG, MSG_BAD_VALUE, MSG_UNKNOWN_FIELD] as const;
export type MsgErrorCode = (typeof MSG_ERROR_CODES)[number];

export interface MsgError extends KbzError {
  readonly code: MsgErrorCode;
  /** JSON Pointer (RFC 6901) of the member that failed; "" is the message itself. */
  readonly path: string;
}

/** A decoder's answer; assignable to the reference-wide `Result<T>`. */
export type MsgResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MsgError };

export function msgError(code: MsgErrorCode, path: string, detail: string): { ok: false; error: MsgError } {
  return { ok: false, error: { code, path, message: `${detail} (at "${path}")` } };
}
