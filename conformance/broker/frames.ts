// Validates the frames a broker sends against the signaling schemas of chapter 7
// (schemas/src/signaling.ts), compiled once. Each frame is checked against the definition its
// `type` names, so an error message points at the member that is wrong rather than at a union.
import { Compile } from 'typebox/compile';
import {
  ErrorFrame, ExpireFrame, IdTakenFrame, InvalidKeyFrame, LeaveFrame, OpenFrame,
  RelayedAnswerFrame, RelayedCandidateFrame, RelayedOfferFrame, SIGNALING_CONTEXT,
} from '../../schemas/src/signaling.ts';

const BY_TYPE = {
  OPEN: Compile(SIGNALING_CONTEXT, OpenFrame),
  'ID-TAKEN': Compile(SIGNALING_CONTEXT, IdTakenFrame),
  ERROR: Compile(SIGNALING_CONTEXT, ErrorFrame),
  'INVALID-KEY': Compile(SIGNALING_CONTEXT, InvalidKeyFrame),
  LEAVE: Compile(SIGNALING_CONTEXT, LeaveFrame),
  EXPIRE: Compile(SIGNALING_CONTEXT, ExpireFrame),
  OFFER: Compile(SIGNALING_CONTEXT, RelayedOfferFrame),
  ANSWER: Compile(SIGNALING_CONTEXT, RelayedAnswerFrame),
  CANDIDATE: Compile(SIGNALING_CONTEXT, RelayedCandidateFrame),
} as const;

/** Null when the value is a well-formed broker→client frame, else a short reason. */
export function frameProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return 'no string `type`';
  const validator = (BY_TYPE as Record<string, (typeof BY_TYPE)[keyof typeof BY_TYPE]>)[type];
  if (!validator) return `\`type\` ${JSON.stringify(type)} is not a frame a broker sends (chapter 7)`;
  if (validator.Check(value)) return null;
  const errs = validator.Errors(value).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
  return `${type} frame does not match schemas/json/signaling.schema.json: ${errs.join('; ')}`;
}
