// The screen-share lanes are not gated: every peer gets the real screen and its sound.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('agent-sees-screen-lane', {
  bug: 'the share and shareAudio lanes ignore see-screen',
  breaks: 'CAPS-13',
  mustFail: ['agentcaps.lanes.read-only-agent', 'prop.agents.lanes.matches-model'],
  ops: {
    'caps.lanes': async (i) => {
      const r = await reference('caps.lanes', i);
      if (!('ok' in r) || !r.ok) return r;
      const lanes = r.output.lanes as Record<string, string>;
      return { ok: true, output: { lanes: { ...lanes, share: 'track', shareAudio: 'track' } } };
    },
  },
});
export const { info, run } = m;
export default m;
