// A new coordinator ignores the media ids of the roster it inherited: the existing call is sent
// back to the lobby, the lock and the identity gate after a migration.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class ForgetsGrandfathered extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    super({ ...config, grandfathered: [] }, start, nextId);
  }
}
const m = presenceMutant('grandfathered-ids-ignored-after-migration', {
  bug: 'grandfathered media ids are dropped when a coordinator takes over',
  breaks: 'PRES-50',
  mustFail: ['presence.gate.grandfathered-skips-gate', 'presencepeer.migration.inherits-flags-and-ids'],
  coordinator: ForgetsGrandfathered,
});
export const { info, run } = m;
export default m;
