// Reaps members after 10000 ms of silence instead of 12000 ms.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class Impatient extends Coordinator {
  protected override reapDue(at: number, seen: number): boolean {
    return at - seen > 10000;
  }
}
const m = presenceMutant('reap-too-early', {
  bug: 'the reap threshold is 10000 ms',
  breaks: 'PRES-23',
  mustFail: ['presence.timers.reap-after-12000', 'prop.presence.coordinator-timers'],
  coordinator: Impatient,
});
export const { info, run } = m;
export default m;
