// Signing a host command [HCMD-02..HCMD-07], [HCMD-17]. Randomness and time are injected so vectors
// reproduce: pass `jti`, or a `random` source for the 12 bytes behind it.
import { toHex } from '../encoding/text.ts';
import type { JsonObject } from '../encoding/json.ts';
import { fail, ok, type Result } from '../result.ts';
import { canonicalFingerprint } from '../certbinding/fingerprint.ts';
import { serializePayload, signBody } from '../token/compact.ts';
import { importPrivateJwk } from '../token/keys.ts';
import { HOST_CMD_KIND, isHostOp, TARGET_KIND } from './payload.ts';

export interface SignHostCommandArgs {
  privateJwk: unknown;
  room: string;
  fp: string;
  op: string;
  target?: string;
  now: number;
  jti?: string;
  /** Source of the 12 jti bytes when `jti` is not given. */
  random?: (n: number) => Uint8Array;
  randomizedSignature?: boolean;
}

/** The payload object with members in the order the spec fixes [HCMD-03]. */
export function hostCommandPayload(args: { room: string; fp: string; op: string; target?: string; iat: number; jti: string }): JsonObject {
  const payload: JsonObject = { k: HOST_CMD_KIND, room: args.room, fp: canonicalFingerprint(args.fp), op: args.op };
  if (args.target) payload.target = args.target; // only when non-empty [HCMD-05]
  payload.iat = args.iat;
  payload.jti = args.jti;
  return payload;
}

export function newJti(random: (n: number) => Uint8Array): string {
  return toHex(random(12)); // 24 lowercase hex [HCMD-06]
}

/** The steps of [HCMD-19], in order, after the caller's own shape check of `now`. */
export function signHostCommand(args: SignHostCommandArgs): Result<{ token: string; payload: JsonObject }> {
  // A shape error, not a protocol step: adapters reject it before step 1 [ADP-08].
  if (!Number.isSafeInteger(args.now)) return fail('input.invalid', 'now must be integer epoch seconds below 2^53 [CONV-02], [CONV-16]');
  const secret = importPrivateJwk(args.privateJwk); // step 1, in the order of [TOK-11]
  if (!secret.ok) return fail('hostcmd.bad-host-key', secret.error.message);
  if (!isHostOp(args.op)) return fail('hostcmd.unknown-op', `op ${JSON.stringify(args.op)} is not a host op [HCMD-17]`);
  const takesTarget = TARGET_KIND[args.op] !== undefined;
  if (takesTarget && !args.target) return fail('hostcmd.missing-target', `op ${args.op} needs a non-empty target [HCMD-17]`);
  const random = args.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const jti = args.jti ?? newJti(random);
  const target = takesTarget ? args.target : undefined; // omitted on ops that do not use it [HCMD-05]
  const payload = hostCommandPayload({ room: args.room, fp: args.fp, op: args.op, target, iat: args.now, jti });
  const token = signBody(secret.value, serializePayload(payload), { randomized: args.randomizedSignature });
  return ok({ token, payload });
}
