// Lower-cases only A-Z, so Unicode capitals that fold to ASCII (KELVIN SIGN) are dropped.
import { mutant } from '../mutant.ts';

const normalize = (n: string) =>
  n.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
const m = mutant('room-ascii-lowercase', {
  bug: 'ASCII-only lower-casing',
  breaks: 'CONV-09',
  mustFail: ['room.normalize.kelvin-sign', 'room.normalize.dotted-capital-i'],
  ops: { 'room.normalize': (i) => ({ ok: true, output: { room: normalize(String(i.name)) } }) },
});
export const { info, run } = m;
export default m;
