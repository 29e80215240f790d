// Claims batched traffic [PRES-71] but broadcasts every change at once (lean behaviour): the
// fan-out set hears before the beat. A MAY: reported as non-strict.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class Eager extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    super(config.traffic === 'batched' ? { ...config, traffic: 'lean' } : config, start, nextId);
  }
}
const m = presenceMutant('batched-broadcasts-changes', {
  bug: 'traffic "batched" behaves as "lean": changes are broadcast at once',
  breaks: 'PRES-71',
  mustFail: ['prop.presence.batched-traffic', 'presencetraffic.batched.join', 'presencetraffic.batched.leave-and-disconnect'],
  coordinator: Eager,
});
export const { info, run } = m;
export default m;
