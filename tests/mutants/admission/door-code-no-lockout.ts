// A code door that never locks a connection out: unlimited online guessing.
import { Coordinator, type CoordinatorConfig } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from '../presence/_lib.ts';

class NoLockout extends Coordinator {
  constructor(config: CoordinatorConfig, start: number, nextId: () => number) {
    super(config.gate ? { ...config, gate: { ...config.gate, limit: { maxAttempts: Number.MAX_SAFE_INTEGER, lockoutMs: 1 } } } : config, start, nextId);
  }
}
const m = presenceMutant('door-code-no-lockout', {
  bug: 'the code door never applies the guess limiter',
  breaks: 'PRES-82',
  mustFail: ['presencegates.code.lockout'],
  coordinator: NoLockout,
});
export const { info, run } = m;
export default m;
