// Data-plane decoders (spec/07-messages.md, 7.6). `decodeDataplane` applies the routing rule of
// [MSG-34]: a frame whose `t` names a control kind is a control frame, anything else is content.
import { CONTROL_KINDS, type ContentFrame, type SigControlFrame } from '../../schemas/src/dataplane.ts';
import { catalogEntry } from './catalog.ts';
import type { MsgResult } from './codes.ts';
import { decodeWith } from './decode.ts';

const control = catalogEntry('dataplane', 'SigControlFrame');
const content = catalogEntry('dataplane', 'ContentFrame');
const controlKinds: ReadonlySet<unknown> = new Set(CONTROL_KINDS);

export type DataFrame = { plane: 'control'; frame: SigControlFrame } | { plane: 'content'; frame: ContentFrame };

export const decodeSigControl = (value: unknown): MsgResult<SigControlFrame> => decodeWith(control, value);
export const decodeContent = (value: unknown): MsgResult<ContentFrame> => decodeWith(content, value);

export function decodeDataplane(value: unknown): MsgResult<DataFrame> {
  let isControl = false;
  try {
    isControl = typeof value === 'object' && value !== null && controlKinds.has((value as { t?: unknown }).t);
  } catch {
    isControl = false; // a throwing getter: let the content decoder report it
  }
  if (isControl) {
    const r = decodeSigControl(value);
    return r.ok ? { ok: true, value: { plane: 'control', frame: r.value } } : r;
  }
  const r = decodeContent(value);
  return r.ok ? { ok: true, value: { plane: 'content', frame: r.value } } : r;
}
