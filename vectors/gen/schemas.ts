// The schemas vector file (spec/07-messages.md): every wire message type of every plane, valid and
// invalid, checked through the schema.validate op. One file, because a test id's first segment is
// its file stem and may not contain "-" (schemas/src/ids.ts).
import type { FileSpec } from './lib.ts';
import { dataplaneGroups } from './schemas-dataplane.ts';
import { SCHEMA_NOTES } from './schemas-lib.ts';
import { presenceGroups } from './schemas-presence.ts';
import { signalingGroups } from './schemas-signaling.ts';
import { signedGroups } from './schemas-signed.ts';

export const schemaVectors: FileSpec = {
  file: 'schemas',
  title: 'Wire message schemas: signaling, presence, signed payloads and data plane',
  profile: 'schemas',
  chapters: ['spec/07-messages.md'],
  notes: SCHEMA_NOTES,
  groups: [...signalingGroups, ...presenceGroups, ...signedGroups, ...dataplaneGroups],
};
