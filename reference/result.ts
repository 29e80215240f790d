// Every decoder and verifier in the reference returns a Result instead of throwing, so bad input
// can never crash a caller and every rejection names the exact spec error code.

/** A rejection: `code` is an error code from the spec's error tables (spec/errors.md). */
export interface KbzError {
  readonly code: string;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: KbzError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): { ok: false; error: KbzError } => ({
  ok: false,
  error: { code, message },
});
