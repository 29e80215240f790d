// Sanitizing keeps capability strings this version does not know.
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const strings = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);

const m = mutant('sanitize-keeps-unknown', {
  bug: 'unknown capability strings survive sanitizing',
  breaks: 'GRANT-05',
  mustFail: ['agentcaps.sanitize.unknown-dropped', 'prop.agents.sanitize.matches-model'],
  ops: {
    'caps.sanitize': async (i) => {
      const r = await reference('caps.sanitize', i);
      if (!('ok' in r) || !r.ok || !isJsonObject(i.grant)) return r;
      return { ok: true, output: { grant: { ...(r.output.grant as JsonObject), perceive: strings(i.grant.perceive), act: strings(i.grant.act) } } };
    },
  },
});
export const { info, run } = m;
export default m;
