// Trust on first use: pins a named peer's fingerprint the first time it connects.
import { pinKeyForName } from '../../../reference/sas/alarm.ts';
import { runOp } from '../../../reference/adapter/ops.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';

const m = mutant('sas-pin-on-connect', {
  bug: 'a first connect writes a pin',
  breaks: 'SAS-15',
  mustFail: ['sas.trust.connect-never-pins'],
  ops: {
    'sas.trustStore': async (i) => {
      const actions = (i.actions as JsonObject[]) ?? [];
      const r = await runOp('sas.trustStore', { actions: actions.filter((a) => a.action !== 'connect') });
      if (!('ok' in r) || !r.ok) return r;
      const pins = { ...(r.output.pins as Record<string, string>) };
      for (const a of actions) if (a.action === 'connect' && pinKeyForName(String(a.name)) && !(pinKeyForName(String(a.name)) in pins)) pins[pinKeyForName(String(a.name))] = String(a.fp);
      return { ok: true, output: { ...r.output, pins } };
    },
  },
});
export const { info, run } = m;
export default m;
