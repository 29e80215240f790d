// The lock never turns anyone away.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class OpenLock extends Coordinator {
  protected override isLockedOut(): boolean {
    return false;
  }
}
const m = presenceMutant('lock-admits-new-identity', {
  bug: 'a locked room admits identities it has never rostered',
  breaks: 'PRES-08',
  mustFail: ['presence.lock.refuses-stranger', 'prop.presence.lock-seals'],
  coordinator: OpenLock,
});
export const { info, run } = m;
export default m;
