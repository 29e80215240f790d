// The participant does not remember the lobby and lock flags of the rosters it receives, so a
// coordinator that takes over after a migration opens the room.
import type { JsonValue } from '../../../reference/encoding/json.ts';
import { Participant } from '../../../reference/presence/participant.ts';
import { presenceMutant } from './_lib.ts';

class Forgetful extends Participant {
  protected override onFrame(raw: JsonValue, at: number): void {
    super.onFrame(raw, at);
    this.lastLobby = false;
    this.lastLocked = false;
  }
}
const m = presenceMutant('migration-forgets-lobby-and-lock', {
  bug: 'a new coordinator does not inherit the lobby and lock flags',
  breaks: 'PRES-48',
  mustFail: ['presencepeer.migration.inherits-flags-and-ids', 'prop.presence.migration'],
  participant: Forgetful,
});
export const { info, run } = m;
export default m;
