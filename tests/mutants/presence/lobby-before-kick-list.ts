// Checks the lobby (and the knock) before the kick list: a kicked identity that knocks while the
// lobby is on is queued as "waiting" instead of being told to leave.
import { Coordinator, type Stage } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class LobbyBeforeKick extends Coordinator {
  protected override stages(): Stage[] {
    return [this.modStage, this.lockedStage, this.gateStage, this.knockStage, this.lobbyStage, this.kickedStage, this.applyStage];
  }
}
const m = presenceMutant('lobby-before-kick-list', {
  bug: 'the lobby and knock stages run before the kicked stage',
  breaks: 'PRES-04',
  mustFail: ['presence.order.kicked-before-lobby'],
  coordinator: LobbyBeforeKick,
});
export const { info, run } = m;
export default m;
