// Every presence check that is not a vector: model-based properties of the coordinator and
// multi-peer properties through the harness's broker and network. Vector checks for the
// presence profile come from vectors/presence*.json like every other vector file.
import type { Check } from '../types.ts';
import { COORDINATOR_PROPERTIES } from './coordinator-props.ts';
import { SIM_PROPERTIES } from './sim-props.ts';
import { TIMER_PROPERTIES } from './timer-props.ts';
import { TRAFFIC_PROPERTIES } from './traffic-props.ts';

export const PRESENCE_CHECKS: Check[] = [...COORDINATOR_PROPERTIES, ...TIMER_PROPERTIES, ...TRAFFIC_PROPERTIES, ...SIM_PROPERTIES];
