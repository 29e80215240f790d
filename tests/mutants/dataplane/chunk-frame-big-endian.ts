// Writes the chunk index big-endian.
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('chunk-frame-big-endian', {
  bug: 'the u32 index of a binary chunk frame is written big-endian',
  breaks: 'WIRE-48',
  mustFail: ['dataplanexfer.frame.little-endian', 'prop.dataplane.chunk-frame.bytes'],
  ops: {
    'xfer.chunkFrame': (i) => {
      const id = Buffer.from(String(i.id));
      const b = Buffer.alloc(5 + id.length);
      b[0] = id.length;
      id.copy(b, 1);
      b.writeUInt32BE(Number(i.i) >>> 0, 1 + id.length);
      return { ok: true, output: { hex: b.toString('hex') + String(i.payload).toLowerCase() } };
    },
  },
});
export const { info, run } = m;
export default m;
