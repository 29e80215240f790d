// Reads an absent remote fingerprint as "no binding to check" instead of "unreadable".
import { runOp } from '../../../reference/adapter/ops.ts';
import { verifyIdToken } from '../../../reference/certbinding/idtoken.ts';
import { mutant } from '../mutant.ts';

const m = mutant('idtoken-absent-fp-skips-binding', {
  bug: 'an absent remoteFp skips the certificate binding',
  breaks: 'BIND-05',
  mustFail: ['idtoken.binding.remote-fp-absent'],
  ops: {
    'idtoken.verify': async (i) => {
      if (i.remoteFp !== undefined) return runOp('idtoken.verify', i);
      const r = await verifyIdToken({
        jwt: i.jwt, jwks: i.jwks, issuers: i.issuers as string[], audience: String(i.audience), now: Number(i.now),
        leeway: typeof i.leeway === 'number' ? i.leeway : undefined, maxAge: typeof i.maxAge === 'number' ? i.maxAge : undefined,
        remoteFp: null, salt: typeof i.salt === 'string' ? i.salt : '',
      });
      if (r.ok || r.error.code === 'idtoken.binding-mismatch') return { ok: true, output: { claims: r.ok ? r.value.claims : {} } };
      return { ok: false, error: r.error };
    },
  },
});
export const { info, run } = m;
export default m;
