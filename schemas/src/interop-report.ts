// The JSON report of `kibitz-conformance interop` (spec/10-adapter-protocol.md 10.7): the
// implementation × implementation × test-case matrix, each failure with the requirement it breaks
// and its transcript. Exported as schemas/json/interop-report.schema.json.
import Type, { type Static } from 'typebox';
import { stringEnum } from './defs.ts';

export const INTEROP_OUTCOMES = ['pass', 'fail', 'errored', 'unsupported'] as const;

const Req = Type.String({ pattern: '^[A-Z]+-[0-9]{2,3}$' });

export const InteropStack = Type.Object(
  {
    name: Type.String({ description: 'The stack\'s name in the matrix (node, chromium, python, …).' }),
    command: Type.String({ description: 'The peer program\'s command line.' }),
    status: stringEnum(['ran', 'missing'] as const, 'missing: not installed here, or did not start as a peer program; its cells are absent, not passed.'),
    reason: Type.Optional(Type.String({ description: 'Why a stack is missing.' })),
    implementation: Type.Optional(Type.Object({ name: Type.String(), version: Type.String(), language: Type.String() }, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

export const InteropCaseInfo = Type.Object(
  {
    id: Type.String(),
    kind: stringEnum(['pair', 'trio'] as const, 'pair: run for every ordered pair of stacks; trio: once for a room of three.'),
    covers: Type.Array(Req),
    description: Type.String(),
  },
  { additionalProperties: false },
);

export const TranscriptLine = Type.Object(
  {
    at: Type.Number({ description: 'ms on the recording peer\'s clock.' }),
    peer: Type.String({ description: 'The peer that recorded the frame: `first (node)`.' }),
    dir: stringEnum(['in', 'out'] as const, 'Received or sent by that peer.'),
    remote: Type.String(),
    value: Type.Optional(Type.Unknown({ description: 'The decoded frame (raw bytes as {"$bytes": hex}).' })),
    error: Type.Optional(Type.String({ description: 'Why the message does not decode.' })),
    size: Type.Integer({ minimum: 0 }),
    chunks: Type.Optional(Type.Integer({ minimum: 2 })),
  },
  { additionalProperties: false },
);

export const InteropResult = Type.Object(
  {
    case: Type.String(),
    kind: stringEnum(['pair', 'trio'] as const, 'The case kind.'),
    stacks: Type.Array(Type.String(), { description: 'The stacks in their parts: first (coordinates), second, third.' }),
    outcome: stringEnum(INTEROP_OUTCOMES, 'fail: a stack broke a requirement; errored: a peer program crashed or timed out; unsupported: an op it needs is unsupported.'),
    covers: Type.Array(Req),
    requirement: Type.Optional(Req),
    message: Type.Optional(Type.String()),
    expected: Type.Optional(Type.Unknown()),
    actual: Type.Optional(Type.Unknown()),
    transcript: Type.Optional(Type.Array(TranscriptLine, { description: 'Frames both ways, from each peer\'s own peer.transcript, decoded by the harness; illustration, not evidence (ADP-45).' })),
    durationMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const InteropReport = Type.Object(
  {
    $schema: Type.Literal('urn:kibitz:kbz-v1:interop-report'),
    suite: Type.Object(
      {
        name: Type.String(),
        version: Type.String(),
        checks: Type.Optional(Type.Object({ count: Type.Integer({ minimum: 0 }), digest: Type.String() }, { additionalProperties: false, description: 'The interop cases this suite version has (ADP-16).' })),
        modified: Type.Optional(Type.Array(Type.String(), { description: 'Why this is not the suite as released; absent or empty when it is.' })),
      },
      { additionalProperties: false },
    ),
    spec: Type.Object({ version: Type.String() }, { additionalProperties: false }),
    startedAt: Type.String({ description: 'ISO 8601.' }),
    durationMs: Type.Integer({ minimum: 0 }),
    broker: Type.String({ description: 'The PeerJS broker every peer used.' }),
    stacks: Type.Array(InteropStack),
    cases: Type.Array(InteropCaseInfo),
    results: Type.Array(InteropResult),
    summary: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Results per outcome.' }),
    verdict: Type.Optional(Type.String({ description: 'The verdict of the profile `interop` by the adapter suite\'s rule (ADP-14, ADP-50), as the line every reporter leads with.' })),
    exitCode: Type.Union([Type.Literal(0), Type.Literal(1)], { description: '0 only when the interop verdict is conformant (every cell of the suite ran and passed), or partial with --allow-partial, or partial only through missing stacks with --allow-missing; 1 otherwise.' }),
  },
  { additionalProperties: false, description: 'The implementation × implementation × test-case matrix of kibitz-conformance interop.' },
);

export type InteropReport = Static<typeof InteropReport>;
