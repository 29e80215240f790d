// Every check of the `dataplane` profile that is not a vector (properties, scenarios). Vector checks
// come from vectors/*.json files whose `profile` is `dataplane`. Oracles here are the harness's own
// models and public libraries: nothing under reference/ is imported (the judge never imports the
// defendant).
import type { Check } from '../types.ts';

export const DATAPLANE_CHECKS: Check[] = [];
