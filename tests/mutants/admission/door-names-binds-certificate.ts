// A names door that holds joiners until their certificate is readable, like an OIDC door.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from '../presence/_lib.ts';

class Binds extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    super(config.gate ? { ...config, gate: { ...config.gate, bindsFingerprint: true } } : config, start, nextId);
  }
}
const m = presenceMutant('door-names-binds-certificate', {
  bug: 'names, codes and invites are treated as cert-bound: an unreadable fingerprint holds the joiner forever',
  breaks: 'PRES-77',
  mustFail: ['presencegates.open-names.names-admit', 'presencegates.invite.admit'],
  coordinator: Binds,
});
export const { info, run } = m;
export default m;
