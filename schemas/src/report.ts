// The JSON report of a conformance run (kibitz-conformance --reporter json).
import Type, { type Static } from 'typebox';
import { REQUIREMENT_ID_PATTERN, schemaId } from './ids.ts';

export const OUTCOMES = ['pass', 'fail', 'non-strict', 'unsupported', 'skipped', 'xfail', 'xpass', 'errored'] as const;
const Outcome = Type.Enum([...OUTCOMES]);
const Count = Type.Integer({ minimum: 0 });
const Counts = Type.Object(Object.fromEntries(OUTCOMES.map((o) => [o, Count])) as Record<(typeof OUTCOMES)[number], typeof Count>, {
  additionalProperties: false,
});

export const CheckResult = Type.Object(
  {
    id: Type.String(),
    profile: Type.String(),
    kind: Type.Union([Type.Literal('vector'), Type.Literal('property'), Type.Literal('scenario')]),
    covers: Type.Array(Type.String({ pattern: REQUIREMENT_ID_PATTERN })),
    level: Type.Union([Type.Literal('MUST'), Type.Literal('SHOULD'), Type.Literal('MAY')]),
    outcome: Outcome,
    description: Type.String(),
    durationMs: Type.Number({ minimum: 0 }),
    failedRequirement: Type.Optional(Type.String({ pattern: REQUIREMENT_ID_PATTERN })),
    message: Type.Optional(Type.String()),
    expected: Type.Optional(Type.Unknown()),
    actual: Type.Optional(Type.Unknown()),
    seed: Type.Optional(Type.Integer()),
    path: Type.Optional(Type.String()),
    replay: Type.Optional(Type.String({ description: 'A command that reruns exactly this check.' })),
    expectation: Type.Optional(Type.Object({ expect: Type.String(), reason: Type.String(), issue: Type.Optional(Type.String()) })),
  },
  { additionalProperties: false },
);

export const Report = Type.Object(
  {
    $schema: Type.String(),
    suite: Type.Object({ name: Type.String(), version: Type.String() }, { additionalProperties: false }),
    spec: Type.Object({ version: Type.String() }, { additionalProperties: false }),
    implementation: Type.Object(
      {
        label: Type.String(),
        name: Type.String(),
        version: Type.String(),
        language: Type.String(),
        homepage: Type.Optional(Type.String()),
        profiles: Type.Array(Type.String()),
      },
      { additionalProperties: false },
    ),
    options: Type.Object(
      { profiles: Type.Array(Type.String()), seed: Type.Integer(), runs: Type.Integer({ minimum: 1 }), only: Type.Optional(Type.Array(Type.String())) },
      { additionalProperties: false },
    ),
    startedAt: Type.String({ description: 'ISO 8601 time the run started.' }),
    durationMs: Type.Number({ minimum: 0 }),
    exitCode: Type.Integer({ minimum: 0, maximum: 2 }),
    summary: Counts,
    profiles: Type.Record(Type.String(), Counts),
    requirements: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: REQUIREMENT_ID_PATTERN }),
          level: Type.String(),
          chapter: Type.String(),
          checks: Count,
          outcome: Type.Union([Outcome, Type.Literal('untested')]),
        },
        { additionalProperties: false },
      ),
    ),
    checks: Type.Array(CheckResult),
  },
  { additionalProperties: false, $id: schemaId('report') },
);
export type Report = Static<typeof Report>;
export type CheckResult = Static<typeof CheckResult>;
export type Outcome = (typeof OUTCOMES)[number];
