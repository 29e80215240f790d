// The JSON type of every member a content frame may carry, by kind (spec/14-data-plane.md,
// table 14.6.1). A member that is present, not null, and of another type drops the frame with
// `cont.bad-field` [CONT-04]; `any` members are never type-checked. Absence is judged later, by
// each kind's own rules, so an absent member never reports `cont.bad-field`.
import type { JsonValue } from '../../encoding/json.ts';
import { isJsonObject } from '../../encoding/json.ts';

export type MemberType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any';

const TRANSFER_ANSWER = { id: 'string', dm: 'boolean' } as const;

export const MEMBER_TYPES: Record<string, Record<string, MemberType>> = {
  chat: { text: 'string', dm: 'boolean', mid: 'string', ts: 'number', from: 'string', name: 'string' },
  img: { mime: 'string', data: 'string', name: 'string', w: 'number', h: 'number', dm: 'boolean', mid: 'string', ts: 'number', from: 'string', name2: 'string' },
  xbegin: { id: 'string', kind: 'string', size: 'number', n: 'number', mime: 'string', name: 'string', offer: 'boolean', dm: 'boolean', mid: 'string', ts: 'number', author: 'string', authorName: 'string' },
  xchunk: { id: 'string', i: 'number', data: 'string', dm: 'boolean' },
  xend: { id: 'string', hash: 'string', dm: 'boolean' },
  xcancel: TRANSFER_ANSWER,
  xaccept: TRANSFER_ANSWER,
  xdecline: TRANSFER_ANSWER,
  xack: TRANSFER_ANSWER,
  xresume: { id: 'string', have: 'number', dm: 'boolean' },
  app: { data: 'any' },
  pay: { url: 'string', label: 'string', dm: 'boolean' },
  ink: { e: 'object', n: 'string', c: 'string' },
  idtoken: { jwt: 'string' },
  caps: { grants: 'object' },
  schema: { name: 'string', version: 'string', schema: 'any' },
  widget: { id: 'string', kind: 'string', data: 'any', replay: 'array', removed: 'boolean', from: 'string', name: 'string', ts: 'number' },
  wevt: { id: 'string', e: 'any' },
  ledger: { m: 'object' },
  chatledger: { m: 'object' },
  ctl: { m: 'any' },
  blob: { m: 'object' },
  blobdata: { m: 'object' },
};

export function hasType(v: JsonValue, t: MemberType): boolean {
  switch (t) {
    case 'any':
      return true;
    case 'object':
      return isJsonObject(v);
    case 'array':
      return Array.isArray(v);
    default:
      return typeof v === t;
  }
}

/** The first member (in table order) whose type is wrong, or null. */
export function wrongMember(k: string, frame: Record<string, JsonValue>): string | null {
  for (const [name, t] of Object.entries(MEMBER_TYPES[k] ?? {})) {
    const v = frame[name];
    if (v !== undefined && v !== null && !hasType(v, t)) return name;
  }
  return null;
}
