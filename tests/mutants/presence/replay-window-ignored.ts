// Verifies every host command with a fresh replay window, so a captured command works twice.
import { ModGate } from '../../../reference/hostcmd/gate.ts';
import type { VerifiedHostCommand } from '../../../reference/hostcmd/verify.ts';
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import type { Result } from '../../../reference/result.ts';
import { presenceMutant } from './_lib.ts';

class ForgetfulWindow extends Coordinator {
  protected override verifyMod(token: string, remoteFp: string | null | undefined, nowS: number): Result<VerifiedHostCommand> {
    return new ModGate(this.config.hostKey, this.config.room).receive(token, remoteFp, nowS);
  }
}
const m = presenceMutant('replay-window-ignored', {
  bug: 'the jti replay window is not kept between commands',
  breaks: 'PRES-07',
  mustFail: ['presence.mod.replayed'],
  coordinator: ForgetfulWindow,
});
export const { info, run } = m;
export default m;
