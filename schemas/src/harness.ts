// Schemas of the conformance harness's own formats (adapter protocol, report, expectations).
import { ADAPTER_PROTOCOL_DEFS } from './adapter-protocol.ts';
import { Expectations } from './expectations.ts';
import { InteropReport } from './interop-report.ts';
import { PEER_CONTROL_DEFS } from './peer-control.ts';
import type { SchemaDocument } from './registry.ts';
import { Report } from './report.ts';

export const HARNESS_DOCUMENTS: SchemaDocument[] = [
  {
    name: 'adapter-protocol',
    title: 'Kibitz conformance adapter protocol',
    description: 'Every JSON Lines message between kibitz-conformance and an adapter (spec/10-adapter-protocol.md).',
    defs: ADAPTER_PROTOCOL_DEFS,
  },
  {
    name: 'report',
    title: 'Kibitz conformance report',
    description: 'The JSON report written by kibitz-conformance --reporter json.',
    root: Report,
  },
  {
    name: 'expectations',
    title: 'Kibitz conformance expectations file',
    description: 'An implementation\'s known gaps, passed with --expect (spec/10-adapter-protocol.md 10.5).',
    root: Expectations,
  },
  {
    name: 'peer-control',
    title: 'Kibitz peer-mode control protocol',
    description: 'Inputs and outputs of the `peer` profile ops that drive an implementation as a live peer (spec/10-adapter-protocol.md, "Peer mode").',
    defs: PEER_CONTROL_DEFS,
  },
  {
    name: 'interop-report',
    title: 'Kibitz interop matrix report',
    description: 'The JSON report of kibitz-conformance interop: implementation x implementation x test case (spec/10-adapter-protocol.md 10.7).',
    root: InteropReport,
  },
];
