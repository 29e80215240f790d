// The participant announces only once: a lost announcement is never repaired.
import { Participant } from '../../../reference/presence/participant.ts';
import { presenceMutant } from './_lib.ts';

class OneShot extends Participant {
  protected override armReannounce(): void {
    this.reannounce = [];
    this.nextReannounce = null;
  }
  protected override selfHeal(): void {}
}
const m = presenceMutant('no-reannounce', {
  bug: 'no periodic re-announce and no self-heal on a roster that lacks us',
  breaks: 'PRES-40',
  mustFail: ['presencepeer.announce.reannounce-schedule', 'presencepeer.announce.self-heal'],
  participant: OneShot,
});
export const { info, run } = m;
export default m;
