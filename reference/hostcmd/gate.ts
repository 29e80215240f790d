// The coordinator's handling of `mod` commands [HCMD-12..HCMD-16]: size cap, full verification,
// then the jti replay window. Rejections are silent on the wire; the Result only names why.
import { fail, type Result } from '../result.ts';
import { MAX_COMMAND_CHARS } from './payload.ts';
import { JtiWindow } from './replay.ts';
import { verifyHostCommand, type VerifiedHostCommand } from './verify.ts';

export class ModGate {
  readonly #window = new JtiWindow();
  constructor(
    readonly hostPublicJwk: unknown,
    readonly room: string,
  ) {}

  /**
   * `remoteFp` is the live certificate fingerprint of the connection the command came on
   * (null when unreadable), or undefined for a command the coordinator issues itself.
   */
  receive(token: unknown, remoteFp: string | null | undefined, now: number): Result<VerifiedHostCommand> {
    if (typeof token === 'string' && token.length > MAX_COMMAND_CHARS) {
      return fail('hostcmd.oversize', `token is ${token.length} characters (limit ${MAX_COMMAND_CHARS})`);
    }
    const verified = verifyHostCommand({ token, hostPublicJwk: this.hostPublicJwk, room: this.room, remoteFp, now });
    if (!verified.ok) return verified;
    if (!this.#window.admit(verified.value.jti)) return fail('hostcmd.replayed', `jti ${verified.value.jti} was already enacted`);
    return verified;
  }
}
