// The JSON Schema every file in vectors/ validates against (exported to
// schemas/json/vector-file.schema.json). Wycheproof-like: a header, notes that explain each flag
// (the bug class a vector catches), and groups of tests with stable string ids.
import Type, { type Static } from 'typebox';
import { REQUIREMENT_ID_PATTERN, schemaId, TEST_ID_PATTERN } from './ids.ts';

export const BUG_TYPES = [
  'BASIC', // the ordinary, expected behaviour
  'BOUNDARY', // exactly at or just past a limit
  'EDGE_CASE', // unusual but legal input
  'MISSING_STEP', // an implementation skipped a required check
  'WRONG_PRIMITIVE', // the right idea computed over the wrong input or with the wrong function
  'WRONG_ORDER', // checks done in another order report another error
  'ENCODING', // wrong byte/text encoding or canonicalisation
  'MALLEABILITY', // the same statement in another valid encoding
  'ALG_CONFUSION', // an algorithm other than the pinned one
  'AUTH_BYPASS', // accepting what an attacker could forge or replay
  'REPLAY', // reuse of a once-valid credential
  'INTEROP', // a difference between languages or libraries
  'UPSTREAM_GOLDEN', // a value frozen by upstream Kibitz's own tests
] as const;

const RequirementId = Type.String({ pattern: REQUIREMENT_ID_PATTERN, description: 'A requirement ID from spec/ (e.g. SAS-05).' });
const Flag = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', description: 'A bug-class flag, explained in the file notes.' });

const TestCommon = {
  id: Type.String({ pattern: TEST_ID_PATTERN, description: 'Stable, unique across all vector files, never reused.' }),
  covers: Type.Array(RequirementId, { minItems: 1, description: 'Requirement IDs this test checks.' }),
  description: Type.String({ minLength: 1 }),
  op: Type.String({ pattern: '^[a-z]+(?:\\.[a-zA-Z]+)+$', description: 'Adapter op (spec/10-adapter-protocol.md).' }),
  input: Type.Record(Type.String(), Type.Unknown(), { description: 'The op input, sent as is.' }),
  flags: Type.Array(Flag),
  intermediates: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'Intermediate values for debugging; never compared.' }),
  ),
  comment: Type.Optional(Type.String()),
};

export const ValidTest = Type.Object(
  { ...TestCommon, result: Type.Literal('valid'), expected: Type.Record(Type.String(), Type.Unknown(), { description: 'The op output.' }) },
  { additionalProperties: false },
);
export const InvalidTest = Type.Object(
  {
    ...TestCommon,
    result: Type.Literal('invalid'),
    error: Type.String({ pattern: '^[a-z]+\\.[a-z0-9-]+$', description: 'The spec error code of the first failing step.' }),
  },
  { additionalProperties: false },
);
export const VectorTest = Type.Union([ValidTest, InvalidTest]);

export const Note = Type.Object(
  {
    bugType: Type.Enum([...BUG_TYPES], { description: 'The class of bug this flag catches (Wycheproof-style).' }),
    description: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const VectorGroup = Type.Object(
  {
    id: Type.String({ pattern: TEST_ID_PATTERN }),
    description: Type.String({ minLength: 1 }),
    tests: Type.Array(VectorTest, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const VectorFile = Type.Object(
  {
    $schema: Type.String(),
    file: Type.String({ pattern: '^[a-z0-9-]+$', description: 'The file stem; also the prefix of every test id.' }),
    title: Type.String(),
    profile: Type.String({ pattern: '^[a-z]+$', description: 'Conformance profile (crypto, schemas, presence, ...).' }),
    spec: Type.Object({ version: Type.String(), chapters: Type.Array(Type.String()) }, { additionalProperties: false }),
    generator: Type.Object({ name: Type.String(), version: Type.String() }, { additionalProperties: false }),
    numberOfTests: Type.Integer({ minimum: 1 }),
    notes: Type.Record(Type.String(), Note),
    groups: Type.Array(VectorGroup, { minItems: 1 }),
  },
  { additionalProperties: false, $id: schemaId('vector-file'), title: 'Kibitz test-vector file' },
);

export type VectorFile = Static<typeof VectorFile>;
export type VectorGroup = Static<typeof VectorGroup>;
export type VectorTest = Static<typeof VectorTest>;
