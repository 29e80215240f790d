// Writes an unpaired surrogate as its 3-byte encoded form (CESU-8, ed a0 80) instead of U+FFFD.
import { okOutput, reference, wireMutant } from './_lib.ts';

function cesu(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(...Buffer.from(ch, 'utf8'));
  }
  return Uint8Array.from(out);
}
const m = wireMutant('lone-surrogate-cesu', {
  bug: 'unpaired surrogates are encoded as surrogate code points',
  breaks: 'WIRE-14',
  mustFail: ['wire.encode-string.str-lone-high', 'wire.encode-string.str-lone-low'],
  op: 'wire.encode',
  run: (input) => {
    if (typeof input.value !== 'string') return reference('wire.encode', input);
    const b = cesu(input.value);
    const head = b.length <= 15 ? [0xb0 + b.length] : [0xd8, b.length >> 8, b.length & 0xff];
    return okOutput({ hex: Buffer.from([...head, ...b]).toString('hex') });
  },
});
export const { info, run } = m;
export default m;
