// Remembers only the kicked connection, not the identity: the kicked peer reconnects and is back.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class ConnectionOnlyKick extends Coordinator {
  protected override isKickedIdentity(): boolean {
    return false;
  }
}
const m = presenceMutant('kick-by-connection-only', {
  bug: 'kicked tokens and media ids are not checked on new connections',
  breaks: 'PRES-06',
  mustFail: ['presence.kick.kick-member', 'prop.presence.kick-sticks'],
  coordinator: ConnectionOnlyKick,
});
export const { info, run } = m;
export default m;
