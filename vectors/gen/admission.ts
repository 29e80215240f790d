// Every vector file of issue 12 (admission), joined here so that vectors/gen/index.ts needs one line.
import { admissionGateVectors } from './admission-gate.ts';
import { admissionLinkVectors } from './admission-link.ts';
import { admissionSealVectors } from './admission-seal.ts';
import { admissionTokenVectors } from './admission-tokens.ts';
import type { FileSpec } from './lib.ts';
import { presenceGateVectors } from './presence-gates.ts';

export const ADMISSION_VECTOR_FILES: FileSpec[] = [admissionTokenVectors, admissionLinkVectors, admissionSealVectors, admissionGateVectors, presenceGateVectors];
