// Every check of the `agents` profile that is not a vector (properties, scenarios). Vector checks
// come from vectors/*.json files whose `profile` is `agents`. Oracles here are the harness's own
// models and public libraries: nothing under reference/ is imported (the judge never imports the
// defendant).
import type { Check } from '../types.ts';
import { AGENT_PROPERTIES } from './properties.ts';

export const AGENTS_CHECKS: Check[] = [...AGENT_PROPERTIES];
