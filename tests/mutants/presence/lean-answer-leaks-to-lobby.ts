// Answers an unchanged announcement [PRES-70] on its connection even when that connection is not
// in the fan-out set: a knocker held by the lobby receives the roster.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class LeakyAnswer extends Coordinator {
  protected override answerSender(conn: string): void {
    this.sendOne(conn, this.rosterFrame());
  }
}
const m = presenceMutant('lean-answer-leaks-to-lobby', {
  bug: 'the lean answer to an unchanged voice skips the fan-out check',
  breaks: 'PRES-20',
  mustFail: ['presencetraffic.lean.unadmitted-gets-nothing'],
  coordinator: LeakyAnswer,
});
export const { info, run } = m;
export default m;
