// Every peer-mode scenario, in run order. Each step is a check with a stable id.
import type { AnyScenario } from '../scenario.ts';
import { controlScenario } from './control.ts';
import { coordinatorScenario } from './coordinator.ts';
import { identityScenario } from './identity.ts';
import { participantScenario } from './participant.ts';
import { roomScenario } from './room.ts';

export const PEER_SCENARIOS: readonly AnyScenario[] = [participantScenario, coordinatorScenario, identityScenario, roomScenario, controlScenario];
