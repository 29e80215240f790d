// Every vector file and its generator, in one list; scripts/gen-vectors.ts writes them all.
import { ADMISSION_VECTOR_FILES } from './admission.ts';
import { AGENTS_VECTOR_FILES } from './agents-files.ts';
import { certbindingVectors } from './certbinding.ts';
import { dataplaneContentVectors } from './dataplane-content.ts';
import { dataplaneEdgeVectors } from './dataplane-edges.ts';
import { dataplaneMeshVectors } from './dataplane-mesh.ts';
import { dataplaneXferVectors } from './dataplane-xfer.ts';
import { hostcmdVectors } from './hostcmd.ts';
import { idtokenVectors } from './idtoken.ts';
import type { FileSpec } from './lib.ts';
import { presenceVectors } from './presence.ts';
import { presenceBoundsVectors } from './presence-bounds.ts';
import { presenceEdgeVectors } from './presence-edges.ts';
import { presencePeerVectors } from './presence-peer.ts';
import { presenceShapeVectors } from './presence-shapes.ts';
import { presenceTrafficVectors } from './presence-traffic.ts';
import { roomVectors } from './room.ts';
import { sasVectors } from './sas.ts';
import { schemaVectors } from './schemas.ts';
import { tokenVectors } from './token.ts';
import { wireVectors } from './wire.ts';
import { wireChunkingVectors } from './wire-chunking.ts';

export const VECTOR_FILES: FileSpec[] = [roomVectors, tokenVectors, hostcmdVectors, certbindingVectors, idtokenVectors, sasVectors, presenceVectors, presenceBoundsVectors, presencePeerVectors, presenceTrafficVectors, presenceShapeVectors, schemaVectors, ...ADMISSION_VECTOR_FILES, wireVectors, wireChunkingVectors, ...AGENTS_VECTOR_FILES, dataplaneContentVectors, dataplaneXferVectors, dataplaneMeshVectors, dataplaneEdgeVectors, presenceEdgeVectors];
