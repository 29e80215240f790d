// Verifies the ID token but never checks that its nonce binds to this connection's certificate.
import { ok } from '../../../reference/result.ts';
import { mutant } from '../mutant.ts';
import { verifyWith } from './_idtoken-variants.ts';

const m = mutant('idtoken-binding-skipped', {
  bug: 'cert binding not checked',
  breaks: 'IDT-17',
  mustFail: ['idtoken.binding.other-connection', 'idtoken.binding.other-room', 'idtoken.binding.nonce-missing'],
  ops: { 'idtoken.verify': (i) => verifyWith(i, { binding: () => ok(true) }) },
});
export const { info, run } = m;
export default m;
