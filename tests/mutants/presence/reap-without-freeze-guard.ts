// Reaps at every beat, even after its own process was frozen for longer than 6000 ms.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class NoFreezeGuard extends Coordinator {
  protected override frozen(): boolean {
    return false;
  }
}
const m = presenceMutant('reap-without-freeze-guard', {
  bug: 'no freeze guard: a late beat reaps everyone it did not hear from',
  breaks: 'PRES-24',
  mustFail: ['presence.timers.freeze-guard'],
  coordinator: NoFreezeGuard,
});
export const { info, run } = m;
export default m;
