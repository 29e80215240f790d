// How an adapter's output is compared with a vector's expected output (spec/10-adapter-protocol.md
// section 10.3). Each comparison that fails names the requirement it breaks. The signed-token
// comparison verifies signatures with the harness's own ES256 verifier (@noble/curves).
import { fromB64u } from './lib/base64url.ts';
import { isJsonObject, tryParseJson, type JsonObject } from './lib/json.ts';
import { fromUtf8 } from './lib/text.ts';
import { publicJwkOf, verifySignature } from './oracles/es256.ts';

export type Verdict = { same: true } | { same: false; requirement?: string; message: string };

/** Deep JSON equality: member order ignored, array order kept, numbers by value. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** An output without its top-level `x-` members (ADP-05): extensions live only at the top. */
export function withoutExtensions(output: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(output).filter(([k]) => !k.startsWith('x-')));
}

/** The exact comparison of 10.3: deep equality after dropping the top-level `x-` members. */
export const outputEqual = (expected: unknown, actual: JsonObject): boolean => jsonEqual(expected, withoutExtensions(actual));

function bodyJson(body: string): JsonObject | null {
  const bytes = fromB64u(body);
  const text = bytes ? fromUtf8(bytes) : null;
  const parsed = text === null ? null : tryParseJson(text);
  return parsed && isJsonObject(parsed.value) ? parsed.value : null;
}

/**
 * The signed-token comparison: (a) signature verifies with the key's public part, (b) body JSON
 * equal with members in the same order, (c) body bytes equal (SHOULD, CONV-15).
 */
export function compareSignedToken(op: string, input: JsonObject, expected: JsonObject, actual: JsonObject): Verdict {
  const token = actual.token;
  if (typeof token !== 'string') return { same: false, message: 'output.token is not a string', requirement: 'ADP-05' };
  const publicJwk = publicJwkOf(input.privateJwk);
  if (!publicJwk) return { same: false, message: 'the vector has no usable private key (a bug in the vector set)', requirement: 'ADP-05' };
  const v = verifySignature(token, publicJwk);
  if (!v.ok) {
    const requirement = v.step === 'signature-form' ? 'TOK-03' : 'TOK-02';
    return { same: false, requirement, message: `the produced token does not verify: ${v.message}` };
  }
  const expBody = String(expected.token).split('.')[0]!;
  const want = bodyJson(expBody);
  const orderReq = op === 'hostcmd.sign' ? 'HCMD-03' : op === 'invite.sign' ? 'INV-01' : op === 'agent.assertion.sign' ? 'AGT-01' : 'TOK-01';
  if (!want) {
    // The expected body is not a JSON object (token.sign signs any text, TOK-11): bytes decide.
    return v.body === expBody ? { same: true } : { same: false, requirement: 'TOK-01', message: 'the body is not exactly the given text, base64url-encoded' };
  }
  const got = bodyJson(v.body);
  if (!got || !jsonEqual(want, got)) {
    return { same: false, requirement: orderReq, message: `payload differs: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}` };
  }
  const wantOrder = Object.keys(want).join(',');
  const gotOrder = Object.keys(got).join(',');
  if (wantOrder !== gotOrder) return { same: false, requirement: orderReq, message: `member order ${gotOrder}, expected ${wantOrder}` };
  if (v.body !== expBody) {
    return { same: false, requirement: op === 'token.sign' ? 'TOK-01' : 'CONV-15', message: 'same JSON value, different bytes (serialisation differs from ECMAScript JSON.stringify)' };
  }
  return { same: true };
}

const SIGNED_TOKEN_OPS = new Set(['token.sign', 'hostcmd.sign', 'invite.sign', 'agent.assertion.sign']);

export function compareOutput(op: string, input: JsonObject, expected: JsonObject, actual: JsonObject): Verdict {
  if (SIGNED_TOKEN_OPS.has(op)) return compareSignedToken(op, input, expected, actual);
  return outputEqual(expected, actual) ? { same: true } : { same: false, message: 'output differs' };
}
