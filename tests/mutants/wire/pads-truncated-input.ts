// Reads a byte past the end as 0 (upstream's unpack_uint8): input cut short still decodes.
import { hexOf, hexBytes, reference, wireMutant } from './_lib.ts';

const m = wireMutant('pads-truncated-input', {
  bug: 'missing bytes read as zero instead of failing',
  breaks: 'WIRE-25',
  mustFail: ['wire.decode-truncated.truncated-fixarray', 'wire.decode-truncated.truncated-empty', 'prop.wire.decode.model'],
  op: 'wire.decode',
  run: (input) => {
    const first = reference('wire.decode', input);
    if ('ok' in first && !first.ok && first.error.code === 'wire.truncated') {
      // Pad with zeros, a few bytes at a time: the first padding that decodes wins.
      const b = hexBytes(String(input.hex));
      for (let pad = 1; pad <= 16; pad++) {
        const r = reference('wire.decode', { hex: hexOf(Uint8Array.from([...b, ...new Uint8Array(pad)])) });
        if ('ok' in r && r.ok) return r;
      }
    }
    return first;
  },
});
export const { info, run } = m;
export default m;
