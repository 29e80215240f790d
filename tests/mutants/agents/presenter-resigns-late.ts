// The agent re-signs every 300 s instead of 240 s: a coordinator can see a stale assertion.
import type { JsonObject } from '../../../reference/encoding/json.ts';
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('presenter-resigns-late', {
  bug: 'the re-signing clock runs at 300 s',
  breaks: 'AGT-04',
  mustFail: ['agents.presenter.resign-every-240s'],
  ops: {
    'agent.presenter.scenario': async (i) => {
      const r = await reference('agent.presenter.scenario', i);
      if (!('ok' in r) || !r.ok) return r;
      // Same script, but a tick-driven signing counts only once 300 s passed since the previous one.
      const outs = r.output.outputs as JsonObject[];
      const steps = i.steps as { at: number; event: { type: string } }[];
      let last: number | null = null;
      const kept = outs.filter((o) => {
        const ev = steps[(o.step as number) - 1]!.event.type;
        if (ev === 'tick' && last !== null && (o.at as number) - last < 300_000) return false;
        last = o.at as number;
        return true;
      });
      return { ok: true, output: { outputs: kept } };
    },
  },
});
export const { info, run } = m;
export default m;
