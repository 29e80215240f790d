// Leaves "www." on the host of a page room.
import { fnv1a32 } from '../../../reference/admission/page-room.ts';
import { normalizeRoom } from '../../../reference/room/normalize.ts';
import { mutant, ok, runOp } from './_lib.ts';

const m = mutant('page-room-keeps-www', {
  bug: 'the leading "www." is kept, so example.com and www.example.com land in different rooms',
  breaks: 'LINK-13',
  mustFail: ['admissionlink.page-room.basic', 'prop.admission.page-room.model'],
  ops: {
    'room.forUrl': (i) => {
      let u: URL;
      try {
        u = new URL(String(i.url));
      } catch {
        return runOp('room.forUrl', i);
      }
      const tag = fnv1a32(u.hostname + u.pathname.replace(/\/+$/, '').toLowerCase()).toString(36);
      return ok({ room: normalizeRoom(`${normalizeRoom(u.hostname).slice(0, 38 - tag.length)}-${tag}`) });
    },
  },
});
export const { info, run } = m;
export default m;
