// Every broker check, in run order. Also read by conformance/coverage.ts for the traceability
// matrix, which is why the list lives in its own module.
import { httpChecks } from './checks/http.ts';
import { lifecycleChecks } from './checks/lifecycle.ts';
import { registrationChecks } from './checks/registration.ts';
import { relayChecks } from './checks/relay.ts';
import { robustnessChecks } from './checks/robustness.ts';
import type { BrokerCheck } from './checks/types.ts';

export const BROKER_CHECKS: readonly BrokerCheck[] = [
  ...registrationChecks,
  ...httpChecks,
  ...relayChecks,
  ...lifecycleChecks,
  ...robustnessChecks,
];
