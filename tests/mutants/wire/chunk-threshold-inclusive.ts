// Chunks a message of exactly 16300 bytes too (>= instead of >).
import { encode } from '../../../reference/wire/encode.ts';
import { hexBytes, hexOf, okOutput, reference, wireMutant } from './_lib.ts';

const m = wireMutant('chunk-threshold-inclusive', {
  bug: 'a message of exactly 16300 bytes is chunked',
  breaks: 'WIRE-37',
  mustFail: ['wirechunking.send.whole-16300', 'prop.wire.chunk.frames'],
  op: 'wire.chunk',
  run: (input) => {
    const message = hexBytes(String(input.hex ?? ''));
    if (message.length !== 16300) return reference('wire.chunk', input);
    const frame = encode({ __peerData: input.chunkId, n: 0, data: message, total: 1 });
    return frame.ok ? okOutput({ frames: [hexOf(frame.value)] }) : reference('wire.chunk', input);
  },
});
export const { info, run } = m;
export default m;
