// Never runs the identity gate: anyone joins a room that requires a verified identity.
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class NoGate extends Coordinator {
  protected override gateStage = (): boolean => false;
}
const m = presenceMutant('gate-skipped', {
  bug: 'the identity gate is skipped',
  breaks: 'PRES-09',
  mustFail: ['presence.order.gate-before-lobby', 'presence.gate.verify-fail'],
  coordinator: NoGate,
});
export const { info, run } = m;
export default m;
