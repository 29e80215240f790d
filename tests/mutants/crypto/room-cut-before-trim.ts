// Cuts the name to 40 characters before stripping leading and trailing hyphens.
import { lowerUnicode } from '../../../reference/encoding/text.ts';
import { mutant } from '../mutant.ts';

const normalize = (n: string) => lowerUnicode(n).replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/^-+|-+$/g, '');
const m = mutant('room-cut-before-trim', {
  bug: '40-character cut before the hyphen strip',
  breaks: 'ROOM-02',
  mustFail: ['room.normalize.cut-leaves-hyphen', 'room.normalize.strip-before-cut', 'prop.room.normalize.matches-reference'],
  ops: { 'room.normalize': (i) => ({ ok: true, output: { room: normalize(String(i.name)) } }) },
});
export const { info, run } = m;
export default m;
