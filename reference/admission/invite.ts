// Signed invites [INV-01..INV-05]: a compact token (chapter 3) over {"name","room","exp"}, signed by
// the room creator's key, whose public half rides the link as `gk`. A bearer credential: not
// bound to a certificate, reusable until `exp`, with no leeway.
import { fail, ok, type Result } from '../result.ts';
import { trimEcma } from '../encoding/text.ts';
import { serializePayload, signBody, verifyToken } from '../token/compact.ts';
import { importPrivateJwk } from '../token/keys.ts';

export interface InviteArgs {
  privateJwk: unknown;
  name: string;
  room: string;
  exp: number;
}

/** The signer trims the name and refuses an empty one [INV-02]; members in the order of [INV-01]. */
export function signInvite(args: InviteArgs, opts: { randomized?: boolean } = {}): Result<string> {
  const secret = importPrivateJwk(args.privateJwk);
  if (!secret.ok) return secret;
  const name = trimEcma(args.name);
  if (name === '') return fail('invite.no-name', 'an invite needs a non-empty name');
  if (!Number.isSafeInteger(args.exp)) return fail('input.invalid', 'exp must be integer epoch seconds below 2^53 [CONV-02]');
  return ok(signBody(secret.value, serializePayload({ name, room: args.room, exp: args.exp }), opts));
}

/** Verification in the order of [INV-03]; the first failing step names the error. */
export function verifyInvite(token: unknown, creatorPublicJwk: unknown, room: string, now: number): Result<string> {
  const v = verifyToken(token, creatorPublicJwk);
  if (!v.ok) return v; // token.* codes [TOK-06]
  const p = v.value.payload;
  if (p.room !== room) return fail('invite.wrong-room', `room ${JSON.stringify(p.room)} is not ${JSON.stringify(room)}`);
  // No leeway: valid while now < exp [INV-04].
  if (typeof p.exp !== 'number' || !(now < p.exp)) return fail('invite.expired', `exp ${JSON.stringify(p.exp)} is not after now (${now})`);
  if (typeof p.name !== 'string' || p.name === '') return fail('invite.no-name', 'name is missing, empty or not a string');
  return ok(p.name);
}
