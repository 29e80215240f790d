// Helpers for agent mutants: each mutant is the reference with one op replaced by a variant that
// breaks exactly one rule of spec/13-agents.md. Variants wrap the reference's own answer where
// they can, so the mutant differs from it in the one rule and nowhere else.
import { runOp } from '../../../reference/adapter/ops.ts';
import type { OpOutcome } from '../../../reference/adapter/outcome.ts';
import { decodeBase64url } from '../../../reference/encoding/base64url.ts';
import { isJsonObject, parseJson, type JsonObject } from '../../../reference/encoding/json.ts';
import { decodeUtf8 } from '../../../reference/encoding/text.ts';

export const reference = (op: string, input: JsonObject): Promise<OpOutcome> => runOp(op, input);

export const fail = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

/** The payload of a compact token, read without verifying (mutants only). */
export function peekPayload(token: unknown): JsonObject | null {
  if (typeof token !== 'string') return null;
  const bytes = decodeBase64url(token.split('.')[0] ?? '');
  const text = bytes.ok ? decodeUtf8(bytes.value) : null;
  const parsed = text === null ? null : parseJson(text);
  return parsed?.ok && isJsonObject(parsed.value) ? parsed.value : null;
}
