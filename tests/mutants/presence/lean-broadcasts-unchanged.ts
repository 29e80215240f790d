// Claims lean traffic [PRES-70] but broadcasts every announcement, as upstream does: the rule the
// hardening exists to change. A SHOULD: the suite reports it as non-strict, not as a failure.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class Chatty extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    super({ ...config, traffic: 'upstream' }, start, nextId);
  }
}
const m = presenceMutant('lean-broadcasts-unchanged', {
  bug: 'traffic "lean" and "batched" are ignored: every voice is broadcast',
  breaks: 'PRES-70',
  mustFail: ['prop.presence.lean-traffic', 'presencetraffic.lean.unchanged-announce', 'prop.presence.batched-traffic', 'presencetraffic.batched.join'],
  coordinator: Chatty,
});
export const { info, run } = m;
export default m;
