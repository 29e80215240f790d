// Every check of the `admission` profile that is not a vector (properties, scenarios). Vector checks
// come from vectors/*.json files whose `profile` is `admission`. Oracles here are the harness's own
// models (./models.ts) and public libraries: nothing under reference/ is imported (the judge never
// imports the defendant).
import type { Check } from '../types.ts';
import { ADMISSION_PROPERTIES } from './properties.ts';
import { URL_PROPERTIES } from './url-props.ts';

export const ADMISSION_CHECKS: Check[] = [...ADMISSION_PROPERTIES, ...URL_PROPERTIES];
