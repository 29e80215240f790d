// Accepts any truthy email_verified ("true", 1) instead of the boolean true.
import { checkClaims } from '../../../reference/certbinding/idtoken.ts';
import { mutant } from '../mutant.ts';
import { verifyWith } from './_idtoken-variants.ts';

const m = mutant('idtoken-email-verified-truthy', {
  bug: 'email_verified checked for truthiness',
  breaks: 'IDT-16',
  mustFail: ['idtoken.claims.email-verified-string', 'idtoken.claims.email-verified-one'],
  ops: { 'idtoken.verify': (i) => verifyWith(i, { claims: (c, a) => checkClaims({ ...c, email_verified: c.email_verified ? true : c.email_verified ?? null }, a) }) },
});
export const { info, run } = m;
export default m;
