// Reads gate parameters from the query whenever it has any, even when the fragment carries them.
import { mutant, runOp } from './_lib.ts';

const m = mutant('link-query-wins', {
  bug: 'the legacy query is preferred over the fragment, so whoever controls the query (the web host\'s links) overrides the gate',
  breaks: 'LINK-04',
  mustFail: ['admissionlink.parse.fragment-wins', 'admissionlink.parse.display-key-selects-fragment'],
  ops: {
    'link.parse': (i) => {
      try {
        const u = new URL(String(i.url));
        if (u.search && u.hash.includes('?')) u.hash = u.hash.slice(0, u.hash.indexOf('?'));
        return runOp('link.parse', { url: u.toString() });
      } catch {
        return runOp('link.parse', i);
      }
    },
  },
});
export const { info, run } = m;
export default m;
