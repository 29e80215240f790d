// One malformed allow-list entry fails the whole check instead of being skipped.
import { importPublicJwk } from '../../../reference/token/keys.ts';
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { fail, reference } from './_lib.ts';

const m = mutant('bad-jwk-sinks-check', {
  bug: 'a malformed allow-list entry is not skipped',
  breaks: 'AGT-09',
  mustFail: ['agents.verify-valid.bad-jwk-skipped', 'agents.verify-valid.non-object-entry-skipped'],
  ops: {
    'agent.assertion.verify': (i) => {
      const allowed = Array.isArray(i.allowed) ? i.allowed : [];
      if (allowed.some((e) => !isJsonObject(e) || !importPublicJwk(e.key).ok)) return fail('agent.not-allowed', 'bad allow-list entry');
      return reference('agent.assertion.verify', i);
    },
  },
});
export const { info, run } = m;
export default m;
