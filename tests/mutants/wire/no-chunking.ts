// Sends every message whole, however long (the "no chunking" peer of issue 10).
import { okOutput, reference, wireMutant } from './_lib.ts';

const m = wireMutant('no-chunking', {
  bug: 'long messages are sent whole instead of in chunk frames',
  breaks: 'WIRE-36',
  mustFail: ['wirechunking.send.split-16301', 'wirechunking.send.split-32601', 'prop.wire.chunk.frames'],
  op: 'wire.chunk',
  run: (input) => (typeof input.hex === 'string' && /^[0-9a-fA-F]*$/.test(input.hex) ? okOutput({ frames: [input.hex.toLowerCase()] }) : reference('wire.chunk', input)),
});
export const { info, run } = m;
export default m;
