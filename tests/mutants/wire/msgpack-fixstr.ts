// Writes strings of up to 31 bytes as MessagePack fixstr (a0 + length), which BinaryPack reads as bytes.
import { hexOf, hexBytes, okOutput, outputOf, reference, wireMutant } from './_lib.ts';

const m = wireMutant('msgpack-fixstr', {
  bug: 'strings of 16 to 31 bytes are written as MessagePack fixstr',
  breaks: 'WIRE-14',
  mustFail: ['wire.encode-string.str-16', 'wire.encode-string.str-31'],
  op: 'wire.encode',
  run: (input) => {
    const out = reference('wire.encode', input);
    const o = outputOf(out);
    if (!o || typeof input.value !== 'string') return out;
    const b = hexBytes(String(o.hex));
    if (b[0] !== 0xd8 || b[1] !== 0 || b[2]! > 31) return out;
    return okOutput({ hex: hexOf(Uint8Array.from([0xa0 + b[2]!, ...b.subarray(3)])) });
  },
});
export const { info, run } = m;
export default m;
