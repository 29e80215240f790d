// Enacts every verified command, ignoring the jti replay window.
import { MAX_COMMAND_CHARS } from '../../../reference/hostcmd/payload.ts';
import { verifyHostCommand } from '../../../reference/hostcmd/verify.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';

const m = mutant('hostcmd-jti-not-checked', {
  bug: 'jti replay window not checked',
  breaks: 'HCMD-13',
  mustFail: ['hostcmd.process.replay-rejected', 'hostcmd.process.window-holds-256', 'prop.hostcmd.replay-model'],
  ops: {
    'hostcmd.process': (i) => {
      const results = (i.commands as JsonObject[]).map((c) => {
        if (typeof c.token === 'string' && c.token.length > MAX_COMMAND_CHARS) return { ok: false, error: 'hostcmd.oversize' };
        const r = verifyHostCommand({ token: c.token, hostPublicJwk: i.hostPublicJwk ?? undefined, room: String(i.room), remoteFp: c.remoteFp as string | null | undefined, now: Number(c.now) });
        return r.ok ? ({ ok: true, ...r.value } as JsonObject) : { ok: false, error: r.error.code };
      });
      return { ok: true, output: { results: results as JsonObject[] } };
    },
  },
});
export const { info, run } = m;
export default m;
