// The vector files of the `agents` profile (spec/13-agents.md), one list for vectors/gen/index.ts.
import { agentsVectors } from './agents.ts';
import { agentsCapsVectors } from './agents-caps.ts';
import { agentsGateVectors } from './agents-gate.ts';
import type { FileSpec } from './lib.ts';

export const AGENTS_VECTOR_FILES: FileSpec[] = [agentsVectors, agentsCapsVectors, agentsGateVectors];
