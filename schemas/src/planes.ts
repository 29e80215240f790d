// Wire-message schema bundles, one per plane (signaling, presence, data plane, signed payloads).
// Filled in by the messages work (spec/07-messages.md).
import type { SchemaDocument } from './registry.ts';

export const PLANE_DOCUMENTS: SchemaDocument[] = [];
