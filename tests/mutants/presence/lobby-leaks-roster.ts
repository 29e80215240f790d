// Sends the roster to every new connection, even while the lobby is on.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class LeakyLobby extends Coordinator {
  protected override connectCatchUp(conn: string): void {
    this.sendOne(conn, this.rosterFrame());
  }
}
const m = presenceMutant('lobby-leaks-roster', {
  bug: 'a connection that has not been admitted receives the roster',
  breaks: 'PRES-20',
  mustFail: ['presence.lobby.knock-queues-once', 'prop.presence.lobby-holds'],
  coordinator: LeakyLobby,
});
export const { info, run } = m;
export default m;
