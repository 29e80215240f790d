// How an adapter's output is compared with a vector's expected output (spec/10-adapter-protocol.md
// section 10.3). Each comparison that fails names the requirement it breaks.
import { decodeBase64url } from '../reference/encoding/base64url.ts';
import { isJsonObject, parseJson, type JsonObject } from '../reference/encoding/json.ts';
import { decodeUtf8 } from '../reference/encoding/text.ts';
import { verifyToken } from '../reference/token/compact.ts';
import { publicJwkFromSecret } from '../reference/token/keys.ts';

export type Verdict = { same: true } | { same: false; requirement?: string; message: string };

/** Deep JSON equality: member order ignored, array order kept, `x-` members ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).filter((k) => !k.startsWith('x-')).sort();
    const kb = Object.keys(b).filter((k) => !k.startsWith('x-')).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual(a[k], b[k]));
  }
  return false;
}

function bodyJson(body: string): JsonObject | null {
  const bytes = decodeBase64url(body);
  if (!bytes.ok) return null;
  const text = decodeUtf8(bytes.value);
  if (text === null) return null;
  const parsed = parseJson(text);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : null;
}

/**
 * The signed-token comparison: (a) signature verifies with the key's public part, (b) body JSON
 * equal with members in the same order, (c) body bytes equal (SHOULD, CONV-15).
 */
export function compareSignedToken(op: string, input: JsonObject, expected: JsonObject, actual: JsonObject): Verdict {
  const token = actual.token;
  if (typeof token !== 'string') return { same: false, message: 'output.token is not a string', requirement: 'ADP-05' };
  const priv = input.privateJwk;
  const d = isJsonObject(priv) && typeof priv.d === 'string' ? decodeBase64url(priv.d) : null;
  if (!d?.ok) return { same: false, message: 'vector has no usable private key', requirement: 'ADP-05' };
  const verified = verifyToken(token, publicJwkFromSecret(d.value));
  if (!verified.ok) {
    const requirement = verified.error.code === 'token.bad-signature' && /bytes/.test(verified.error.message) ? 'TOK-03' : 'TOK-02';
    return { same: false, requirement, message: `the produced token does not verify: ${verified.error.code}: ${verified.error.message}` };
  }
  const expBody = String(expected.token).split('.')[0]!;
  const actBody = verified.value.body;
  const want = bodyJson(expBody);
  const got = verified.value.payload; // already decoded and parsed by the verification above
  const orderReq = op === 'hostcmd.sign' ? 'HCMD-03' : 'TOK-01';
  if (!want || !got || !jsonEqual(want, got)) {
    return { same: false, requirement: orderReq, message: `payload differs: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}` };
  }
  const wantOrder = Object.keys(want).join(',');
  const gotOrder = Object.keys(got).join(',');
  if (wantOrder !== gotOrder) return { same: false, requirement: orderReq, message: `member order ${gotOrder}, expected ${wantOrder}` };
  if (actBody !== expBody) {
    return { same: false, requirement: op === 'token.sign' ? 'TOK-01' : 'CONV-15', message: 'same JSON value, different bytes (serialisation differs from ECMAScript JSON.stringify)' };
  }
  return { same: true };
}

const SIGNED_TOKEN_OPS = new Set(['token.sign', 'hostcmd.sign']);

export function compareOutput(op: string, input: JsonObject, expected: JsonObject, actual: JsonObject): Verdict {
  if (SIGNED_TOKEN_OPS.has(op)) return compareSignedToken(op, input, expected, actual);
  return jsonEqual(expected, actual) ? { same: true } : { same: false, message: 'output differs' };
}
