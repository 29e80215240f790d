// Writes positive integers of 2^32 and more as uint64 (cf), as a MessagePack encoder does, instead of int64 (d3).
import { hexOf, hexBytes, okOutput, outputOf, reference, wireMutant } from './_lib.ts';

const m = wireMutant('uint64-for-large-positive', {
  bug: 'positive integers from 2^32 are written as uint64',
  breaks: 'WIRE-11',
  mustFail: ['wire.encode-int.int-2p32', 'wire.encode-int.int-timestamp', 'prop.wire.encode.matches-peerjs'],
  op: 'wire.encode',
  run: (input) => {
    const out = reference('wire.encode', input);
    const o = outputOf(out);
    if (!o) return out;
    const b = hexBytes(String(o.hex));
    // Every d3 holding a non-negative value becomes cf; the payload is the same 8 bytes.
    for (let i = 0; i + 8 < b.length; i++) if (b[i] === 0xd3 && b[i + 1]! < 0x80 && (i === 0 || b[i - 1] !== 0xd3)) b[i] = 0xcf;
    return okOutput({ hex: hexOf(b) });
  },
});
export const { info, run } = m;
export default m;
