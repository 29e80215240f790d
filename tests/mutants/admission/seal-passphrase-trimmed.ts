// Trims the passphrase before deriving the key.
import { mutant, runOp } from './_lib.ts';

const m = mutant('seal-passphrase-trimmed', {
  bug: 'the passphrase is trimmed, so "secret " opens what "secret" sealed',
  breaks: 'SEAL-02',
  mustFail: ['admissionseal.open.not-trimmed'],
  ops: { 'seal.open': (i) => runOp('seal.open', { ...i, passphrase: String(i.passphrase).trim() }) },
});
export const { info, run } = m;
export default m;
