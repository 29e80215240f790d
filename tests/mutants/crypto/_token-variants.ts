// Deliberately wrong compact-token primitives shared by the token mutants.
import { p256 } from '@noble/curves/nist.js';
import { decodeBase64url, encodeBase64url } from '../../../reference/encoding/base64url.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { ascii, utf8 } from '../../../reference/encoding/text.ts';
import { importPrivateJwk, importPublicJwk } from '../../../reference/token/keys.ts';
import type { OpOutcome } from '../../../reference/adapter/outcome.ts';

const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

export function signVariant(input: JsonObject, opts: { overJson?: boolean; der?: boolean }): OpOutcome {
  const secret = importPrivateJwk(input.privateJwk);
  if (!secret.ok) return err('key.bad-jwk', secret.error.message);
  const json = String(input.payloadJson);
  const body = encodeBase64url(utf8(json));
  const msg = opts.overJson ? utf8(json) : ascii(body);
  const sig = p256.sign(msg, secret.value, { extraEntropy: false, ...(opts.der ? { format: 'der' as const } : {}) });
  return { ok: true, output: { token: `${body}.${encodeBase64url(sig)}` } };
}

export function verifyVariant(input: JsonObject, opts: { overJson?: boolean; der?: boolean; lowSOnly?: boolean }): OpOutcome {
  const key = importPublicJwk(input.publicJwk);
  if (!key.ok) return err('token.bad-key', key.error.message);
  const token = String(input.token);
  const dot = token.indexOf('.');
  if (dot < 1 || dot === token.length - 1) return err('token.malformed', 'no dot');
  const bodyText = token.slice(0, dot);
  const body = decodeBase64url(bodyText);
  const sig = decodeBase64url(token.slice(dot + 1));
  if (!body.ok || !sig.ok) return err('token.bad-encoding', 'decode');
  const json = new TextDecoder().decode(body.value);
  let valid = false;
  try {
    const msg = opts.overJson ? utf8(json) : ascii(bodyText);
    valid = p256.verify(sig.value, msg, key.value, { lowS: opts.lowSOnly ?? false, ...(opts.der ? { format: 'der' as const } : {}) });
  } catch {
    valid = false;
  }
  if (!valid) return err('token.bad-signature', 'signature');
  try {
    const payload = JSON.parse(json) as unknown;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return err('token.bad-payload', 'not an object');
    return { ok: true, output: { payload: payload as JsonObject } };
  } catch {
    return err('token.bad-payload', 'not JSON');
  }
}
