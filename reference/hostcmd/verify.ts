// Verifying a host command, one named error per step, in the order of spec/04-host-commands.md
// section "Verification" [HCMD-08..HCMD-11], [HCMD-18]. Stateless: the jti replay window is replay.ts.
import { fail, ok, type Result } from '../result.ts';
import { canonicalFingerprint, readableFingerprint } from '../certbinding/fingerprint.ts';
import { verifyToken } from '../token/compact.ts';
import { importPublicJwk } from '../token/keys.ts';
import { FUTURE_LEEWAY_S, HOST_CMD_KIND, isHostOp, MAX_AGE_S, TARGET_KIND, type HostOp } from './payload.ts';

export interface VerifyHostCommandArgs {
  token: unknown;
  /** The committed host public key; absent means the room has no admin [HCMD-01]. */
  hostPublicJwk?: unknown;
  /** Expected normalized room id. */
  room: string;
  /**
   * The live remote fingerprint of the presence connection the command arrived on. Omitted only
   * for a command the coordinator issues itself [HCMD-10]; present but unreadable fails closed [HCMD-09].
   */
  remoteFp?: string | null;
  now: number;
}

export interface VerifiedHostCommand {
  op: HostOp;
  target?: string;
  jti?: string;
}

export function verifyHostCommand(args: VerifyHostCommandArgs): Result<VerifiedHostCommand> {
  if (typeof args.token !== 'string' || args.token === '') return fail('hostcmd.missing', 'no command token');
  if (args.hostPublicJwk === undefined || args.hostPublicJwk === null) {
    return fail('hostcmd.no-host-key', 'the room commits no host key: no admin');
  }
  if (!importPublicJwk(args.hostPublicJwk).ok) return fail('hostcmd.bad-host-key', 'committed host key is not a P-256 public JWK');
  if (args.remoteFp !== undefined && !readableFingerprint(args.remoteFp)) {
    return fail('hostcmd.no-remote-fp', 'the connection certificate is unreadable: fail closed');
  }
  const verified = verifyToken(args.token, args.hostPublicJwk);
  if (!verified.ok) return verified; // token.* codes: malformed, bad-encoding, bad-signature, bad-payload
  const p = verified.value.payload;
  if (p.k !== HOST_CMD_KIND) return fail('hostcmd.wrong-kind', `k is ${JSON.stringify(p.k)}, not ${HOST_CMD_KIND}`);
  if (p.room !== args.room) return fail('hostcmd.wrong-room', `room ${JSON.stringify(p.room)} is not ${JSON.stringify(args.room)}`);
  if (args.remoteFp !== undefined) {
    const bound = typeof p.fp === 'string' && canonicalFingerprint(p.fp) === canonicalFingerprint(args.remoteFp as string);
    if (!bound) return fail('hostcmd.not-cert-bound', 'fp does not match the certificate of this connection');
  }
  if (!isHostOp(p.op)) return fail('hostcmd.unknown-op', `op ${JSON.stringify(p.op)} is not a host op`);
  if (typeof p.iat !== 'number') return fail('hostcmd.no-iat', 'iat is missing or not a number');
  if (p.iat - args.now > FUTURE_LEEWAY_S) return fail('hostcmd.future', `iat is ${p.iat - args.now} s in the future (limit ${FUTURE_LEEWAY_S})`);
  if (args.now - p.iat > MAX_AGE_S) return fail('hostcmd.stale', `iat is ${args.now - p.iat} s old (limit ${MAX_AGE_S})`);
  if (p.jti !== undefined && typeof p.jti !== 'string') return fail('hostcmd.bad-jti', 'jti is present but not a string [HCMD-18]');
  const out: VerifiedHostCommand = { op: p.op };
  if (typeof p.target === 'string' && TARGET_KIND[p.op]) out.target = p.target; // ignored on other ops [HCMD-05]
  if (typeof p.jti === 'string') out.jti = p.jti;
  return ok(out);
}
