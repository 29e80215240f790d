// Verifies an invite without looking at its room.
import { decodeBase64url } from '../../../reference/encoding/base64url.ts';
import { mutant, runOp } from './_lib.ts';

const roomOf = (token: unknown): unknown => {
  if (typeof token !== 'string') return undefined;
  const b = decodeBase64url(token.split('.')[0] ?? '');
  try {
    return b.ok ? (JSON.parse(new TextDecoder().decode(b.value)) as { room?: unknown }).room : undefined;
  } catch {
    return undefined;
  }
};
const m = mutant('invite-room-unchecked', {
  bug: 'the invite\'s room is not compared with the room id: cross-room replay',
  breaks: 'INV-03',
  mustFail: ['admission.invite-reject.wrong-room', 'admission.invite-reject.room-is-peer-id', 'prop.admission.invite.room-and-exp'],
  ops: { 'invite.verify': (i) => runOp('invite.verify', { ...i, room: typeof roomOf(i.token) === 'string' ? (roomOf(i.token) as string) : String(i.room) }) },
});
export const { info, run } = m;
export default m;
