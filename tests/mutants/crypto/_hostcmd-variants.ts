// Host-command verification with one step altered, for the host-command mutants.
import { decodeBase64url } from '../../../reference/encoding/base64url.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';
import type { OpOutcome } from '../../../reference/adapter/outcome.ts';
import { runOp } from '../../../reference/adapter/ops.ts';

/** The iat of a token, read without verification (the reference has verified it by then). */
export function iatOf(token: unknown): number | undefined {
  if (typeof token !== 'string') return undefined;
  const b = decodeBase64url(token.split('.')[0] ?? '');
  if (!b.ok) return undefined;
  try {
    const p = JSON.parse(new TextDecoder().decode(b.value)) as { iat?: unknown };
    return typeof p.iat === 'number' ? p.iat : undefined;
  } catch {
    return undefined;
  }
}

/** Reference verification, then an extra (buggy) rejection rule on success. */
export async function verifyThenReject(input: JsonObject, reject: (iat: number, now: number) => string | null): Promise<OpOutcome> {
  const r = await runOp('hostcmd.verify', input);
  const iat = iatOf(input.token);
  if ('ok' in r && r.ok && iat !== undefined) {
    const code = reject(iat, Number(input.now));
    if (code) return { ok: false, error: { code, message: 'mutant' } };
  }
  return r;
}
