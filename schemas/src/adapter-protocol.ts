// Messages of the conformance adapter protocol (spec/10-adapter-protocol.md), exported as
// schemas/json/adapter-protocol.schema.json. `kibitz-conformance --validate-protocol` checks every
// line an adapter writes against these.
import Type, { type Static } from 'typebox';

const Obj = Type.Record(Type.String(), Type.Unknown());
const ErrorBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z]+\\.[a-z0-9-]+$', description: 'The spec error code of the first failing step (ADP-06).' }),
    message: Type.String({ description: 'Free text for humans.' }),
  },
  { additionalProperties: false },
);

export const StartRequest = Type.Object({ cmd: Type.Literal('start'), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const RunRequest = Type.Object(
  {
    cmd: Type.Literal('run'),
    seq: Type.Integer({ minimum: 1 }),
    op: Type.String({ description: 'An op name from spec/10-adapter-protocol.md section 10.4.' }),
    input: Obj,
  },
  { additionalProperties: false },
);
export const StopRequest = Type.Object({ cmd: Type.Literal('stop') }, { additionalProperties: false });

export const Implementation = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    version: Type.String({ minLength: 1 }),
    language: Type.String({ minLength: 1 }),
    homepage: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const StartOk = Type.Object(
  { ok: Type.Literal(true), implementation: Implementation, profiles: Type.Array(Type.String()) },
  { additionalProperties: false },
);
export const StartRefused = Type.Object({ ok: Type.Literal(false), error: ErrorBody }, { additionalProperties: false });
export const StartResponse = Type.Union([StartOk, StartRefused]);

const Seq = Type.Integer({ minimum: 1 });
export const RunOk = Type.Object({ seq: Seq, ok: Type.Literal(true), output: Obj }, { additionalProperties: false });
export const RunError = Type.Object({ seq: Seq, ok: Type.Literal(false), error: ErrorBody }, { additionalProperties: false });
export const RunUnsupported = Type.Object({ seq: Seq, unsupported: Type.Literal(true) }, { additionalProperties: false });
export const RunErrored = Type.Object({ seq: Seq, errored: Type.Literal(true), message: Type.String() }, { additionalProperties: false });
export const RunResponse = Type.Union([RunOk, RunError, RunUnsupported, RunErrored]);
export const StopResponse = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });
/** The answer to a line that is not a request (ADP-11). */
export const BadRequest = Type.Object(
  {
    seq: Type.Optional(Type.Unknown({ description: 'The request\'s seq as it came (0, -1, "2"…), when the request had one.' })),
    ok: Type.Literal(false),
    error: ErrorBody,
  },
  { additionalProperties: false },
);

export type StartResponse = Static<typeof StartResponse>;
export type RunResponse = Static<typeof RunResponse>;

export const ADAPTER_PROTOCOL_DEFS = {
  StartRequest, RunRequest, StopRequest, StartResponse, RunResponse, StopResponse, BadRequest,
};
