// Hands a PeerJS close frame to the application instead of closing the connection.
import type { JsonValue } from './_lib.ts';
import { okOutput, outputOf, reference, wireMutant } from './_lib.ts';

const CLOSE = '81ba5f5f706565724461746181b474797065b5636c6f7365'; // {__peerData: {type: "close"}}
const m = wireMutant('close-frame-delivered', {
  bug: 'a close frame is delivered as a message and the connection stays open',
  breaks: 'WIRE-35',
  mustFail: ['wirechunking.receive.close', 'wirechunking.receive.close-discards-partial'],
  op: 'wire.reassemble',
  run: (input) => {
    const frames = Array.isArray(input.frames) ? input.frames : [];
    const at = frames.findIndex((f) => typeof f === 'string' && f.toLowerCase() === CLOSE);
    if (at < 0) return reference('wire.reassemble', input);
    const before = outputOf(reference('wire.reassemble', { ...input, frames: frames.slice(0, at) }));
    const after = outputOf(reference('wire.reassemble', { ...input, frames: frames.slice(at + 1) }));
    if (!before || !after) return reference('wire.reassemble', input);
    const shift = (d: JsonValue[]) => d.map((x) => ({ ...(x as object), frame: ((x as { frame: number }).frame ?? 0) + at + 1 }));
    return okOutput({
      messages: [...(before.messages as JsonValue[]), { __peerData: { type: 'close' } }, ...(after.messages as JsonValue[])],
      dropped: [...(before.dropped as JsonValue[]), ...shift(after.dropped as JsonValue[])],
      pending: Number(before.pending) + Number(after.pending),
      closed: false,
    });
  },
});
export const { info, run } = m;
export default m;
