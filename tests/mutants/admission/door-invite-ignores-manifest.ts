// An invite door that checks the signature but not the committed roster.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from '../presence/_lib.ts';

class NoRoster extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    const gate = config.gate && config.gate.g === 'invite' ? { ...config.gate, gm: undefined } : config.gate;
    super({ ...config, ...(gate ? { gate } : {}) }, start, nextId);
  }
}
const m = presenceMutant('door-invite-ignores-manifest', {
  bug: 'the invite door ignores the manifest: any validly signed invite gets in, listed or not',
  breaks: 'PRES-80',
  mustFail: ['presencegates.invite.manifest-non-member', 'presencegates.invite.manifest-wrong-mode'],
  coordinator: NoRoster,
});
export const { info, run } = m;
export default m;
