// The participant never gives up on a coordinator that went silent, so a silent crash strands it.
import { Participant } from '../../../reference/presence/participant.ts';
import { presenceMutant } from './_lib.ts';

class Patient extends Participant {
  protected override silent(): boolean {
    return false;
  }
}
const m = presenceMutant('participant-ignores-silence', {
  bug: 'no silence detection on the participant side',
  breaks: 'PRES-36',
  mustFail: ['presencepeer.liveness.silence'],
  participant: Patient,
});
export const { info, run } = m;
export default m;
