// Writes non-integral numbers as float32 when float32 holds them exactly, to save four bytes.
import { okOutput, reference, wireMutant } from './_lib.ts';

const m = wireMutant('float32-floats', {
  bug: 'floats that fit binary32 are written as float32',
  breaks: 'WIRE-12',
  mustFail: ['wire.encode-float.float-half', 'wire.encode-float.float-minus-1.5'],
  op: 'wire.encode',
  run: (input) => {
    const v = input.value;
    if (typeof v !== 'number' || Number.isInteger(v) || Math.fround(v) !== v) return reference('wire.encode', input);
    const b = Buffer.alloc(5);
    b[0] = 0xca;
    b.writeFloatBE(v, 1);
    return okOutput({ hex: b.toString('hex') });
  },
});
export const { info, run } = m;
export default m;
