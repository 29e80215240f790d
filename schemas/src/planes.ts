// Wire-message schema bundles, one per plane (spec/07-messages.md). Each bundle lists its message
// types under $defs; references between them are `#/$defs/<Name>` pointers, so the exported file
// resolves standalone as `urn:kibitz:kbz-v1:<name>#/$defs/<Name>`.
import type { TSchema } from 'typebox';
import type { SchemaDocument } from './registry.ts';
import { DATAPLANE_DEFS } from './dataplane.ts';
import { PRESENCE_DEFS } from './presence.ts';
import { SIGNALING_DEFS } from './signaling.ts';
import { SIGNED_DEFS } from './signed.ts';

export interface PlaneDocument extends SchemaDocument {
  defs: Record<string, TSchema>;
}

export const PLANE_DOCUMENTS: PlaneDocument[] = [
  {
    name: 'signaling',
    title: 'Kibitz signaling plane (PeerJS server protocol subset)',
    description: 'Broker selection, the broker WebSocket URL parameters and the JSON frames exchanged with a PeerJS-compatible broker (spec/07-messages.md, 7.3).',
    defs: SIGNALING_DEFS,
  },
  {
    name: 'presence',
    title: 'Kibitz presence plane',
    description: 'Frames between participants and the coordinator over the presence data connection, discriminated by `t` (spec/07-messages.md, 7.4).',
    defs: PRESENCE_DEFS,
  },
  {
    name: 'signed',
    title: 'Kibitz signed payloads',
    description: 'The compact token envelope and the host command payload (spec/07-messages.md, 7.5; chapters 3 and 4).',
    defs: SIGNED_DEFS,
  },
  {
    name: 'dataplane',
    title: 'Kibitz data plane',
    description: 'Control frames on the sig data connection (`t`) and the protocol-state content frames (`k`) between media peers (spec/07-messages.md, 7.6).',
    defs: DATAPLANE_DEFS,
  },
];
