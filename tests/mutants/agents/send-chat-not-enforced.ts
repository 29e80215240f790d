// Receivers keep content from senders whose grant lacks send-chat.
import { mutant } from '../mutant.ts';

const m = mutant('send-chat-not-enforced', {
  bug: 'the receiver-side act check is missing',
  breaks: 'CAPS-15',
  mustFail: ['agentcaps.accepts.agent-chat-dropped', 'prop.agents.accepts.matches-model'],
  ops: { 'caps.accepts': () => ({ ok: true, output: { accept: true, audit: false } }) },
});
export const { info, run } = m;
export default m;
