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
    failedRequirement: Type.Optional(Type.String({ pattern: REQUIREMENT_ID_PATTERN, description: 'The most specific requirement the failing comparison breaks.' })),
    requirementText: Type.Optional(Type.String({ description: 'One line of the failed requirement\'s text.' })),
    link: Type.Optional(Type.String({ description: 'The requirement\'s anchor, e.g. spec/06-safety-code.md#sas-05.' })),
    cause: Type.Optional(Type.String({ description: 'For an errored check: the root cause the harness named, e.g. "adapter wrote non-JSON to stdout (ADP-01)".' })),
    message: Type.Optional(Type.String()),
    input: Type.Optional(Type.Unknown({ description: 'The input the implementation was given; a long value is elided in the middle, as a string starting "⟨elided⟩ ".' })),
    expected: Type.Optional(Type.Unknown()),
    actual: Type.Optional(Type.Unknown()),
    seed: Type.Optional(Type.Integer()),
    path: Type.Optional(Type.String()),
    replay: Type.Optional(Type.String({ description: 'A command that reruns exactly this check.' })),
    expectation: Type.Optional(Type.Object({ expect: Type.String(), reason: Type.String(), issue: Type.Optional(Type.String()) })),
  },
  { additionalProperties: false },
);

export const VERDICTS = ['conformant', 'conformant (modified suite)', 'partial', 'not conformant', 'not implemented'] as const;

export const ProfileVerdict = Type.Object(
  {
    profile: Type.String(),
    verdict: Type.Enum([...VERDICTS]),
    line: Type.String({ description: 'The verdict as one line, e.g. "crypto: partial (300 of 340 checks ran, 40 unsupported)".' }),
    counts: Type.Object(
      {
        total: Count,
        ran: Count,
        clean: Count,
        fail: Count,
        errored: Count,
        xpass: Count,
        unsupported: Count,
        skipped: Count,
        xfail: Count,
        notRun: Count,
        nonStrict: Count,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const Report = Type.Object(
  {
    $schema: Type.String(),
    suite: Type.Object(
      {
        name: Type.String(),
        version: Type.String(),
        vectors: Type.Optional(
          Type.Object(
            { digest: Type.String(), bundled: Type.Boolean({ description: 'The vector set shipped with this suite version.' }), dir: Type.Optional(Type.String()) },
            { additionalProperties: false },
          ),
        ),
        checks: Type.Optional(Type.Object({ count: Count, digest: Type.String() }, { additionalProperties: false })),
        modified: Type.Optional(Type.Array(Type.String(), { description: 'Why this is not the suite as released; absent or empty when it is.' })),
      },
      { additionalProperties: false },
    ),
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
      {
        profiles: Type.Array(Type.String()),
        seed: Type.Integer(),
        runs: Type.Integer({ minimum: 1 }),
        only: Type.Optional(Type.Array(Type.String())),
        allowPartial: Type.Optional(Type.Boolean()),
        bail: Type.Optional(Type.Boolean()),
        maxErrors: Type.Optional(Type.Integer({ minimum: 1 })),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
        budgetS: Type.Optional(Type.Number({ minimum: 0 })),
        expect: Type.Optional(Type.String()),
        replayBase: Type.Optional(Type.String({ description: 'The command line that reruns this run; replay commands extend it.' })),
      },
      { additionalProperties: false },
    ),
    startedAt: Type.String({ description: 'ISO 8601 time the run started.' }),
    durationMs: Type.Number({ minimum: 0 }),
    exitCode: Type.Integer({ minimum: 0, maximum: 2 }),
    verdict: Type.Optional(Type.String({ description: 'The overall verdict line every reporter leads with.' })),
    verdicts: Type.Optional(Type.Array(ProfileVerdict)),
    run: Type.Optional(
      Type.Object(
        {
          stopped: Type.Optional(Type.String({ description: 'Why the run stopped before every selected check ran.' })),
          notRun: Count,
          restarts: Count,
          quarantined: Type.Array(Type.String(), { description: 'Ops not sent again after erroring three times in a row.' }),
        },
        { additionalProperties: false },
      ),
    ),
    rootCauses: Type.Optional(
      Type.Array(
        Type.Object({ cause: Type.String(), checks: Count, first: Type.String() }, { additionalProperties: false }),
        { description: 'Errored checks grouped by the root cause the harness named, most frequent first.' },
      ),
    ),
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
          why: Type.Optional(Type.String({ description: 'Why a requirement was not exercised in this run.' })),
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
export type ProfileVerdict = Static<typeof ProfileVerdict>;
export type Outcome = (typeof OUTCOMES)[number];
