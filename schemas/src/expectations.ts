// The expectations file an implementation keeps next to its adapter (spec/10-adapter-protocol.md 10.5).
import Type, { type Static } from 'typebox';
import { schemaId } from './ids.ts';

export const Expectation = Type.Object(
  {
    expect: Type.Union([Type.Literal('xfail'), Type.Literal('skip')], { description: 'xfail: run it and expect a failure; skip: do not run it.' }),
    reason: Type.String({ minLength: 1 }),
    issue: Type.Optional(Type.String({ description: 'A link to the tracking issue.' })),
  },
  { additionalProperties: false },
);

export const Expectations = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    implementation: Type.Optional(Type.String()),
    expectations: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$' }), Expectation, {
      description: 'Keys are check ids or group prefixes; the longest matching key wins.',
    }),
  },
  { additionalProperties: false, $id: schemaId('expectations') },
);
export type Expectations = Static<typeof Expectations>;
