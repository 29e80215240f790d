// A broadcast image goes to whoever may read chat, so a read-only agent receives it.
import { mutant } from '../mutant.ts';
import { reference } from './_lib.ts';

const m = mutant('image-to-read-only-agent', {
  bug: 'img broadcasts check read-chat instead of read-media',
  breaks: 'CAPS-09',
  mustFail: ['agentcaps.recipients.img-withheld', 'prop.agents.recipients.read-only-agent-withheld'],
  ops: {
    'caps.recipients': (i) => reference('caps.recipients', i.kind === 'img' && (i.to === undefined || i.to === null) ? { ...i, kind: 'chat' } : i),
  },
});
export const { info, run } = m;
export default m;
