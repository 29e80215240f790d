// An override is still honoured at exactly expiresAt (exclusive bound instead of inclusive).
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('expired-grant-honoured', {
  bug: 'a grant expires after expiresAt, not at it',
  breaks: 'GRANT-07',
  mustFail: ['agentcaps.effective.at-expiry', 'prop.agents.effective.expiry'],
  ops: {
    'caps.effective': (i) => {
      const g = i.grant as JsonObject;
      if (typeof g?.expiresAt === 'number' && g.expiresAt === i.now) return { ok: true, output: { grant: g } };
      return reference('caps.effective', i);
    },
  },
});
export const { info, run } = m;
export default m;
