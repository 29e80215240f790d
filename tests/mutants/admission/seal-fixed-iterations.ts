// Derives every key with 600 000 iterations, whatever the blob's version byte says.
import { mutant, runOp } from './_lib.ts';

const m = mutant('seal-fixed-iterations', {
  bug: 'the iteration count ignores the version byte (always version 2\'s)',
  breaks: 'SEAL-02',
  mustFail: ['admissionseal.open.v1', 'admissionseal.seal.v1', 'admissionseal.open.iterations-by-version'],
  ops: {
    // Relabelling the blob as version 2 makes the reference derive with 600 000 iterations.
    'seal.open': (i) => {
      const blob = Buffer.from(String(i.blob), 'base64url');
      if (blob.length >= 45 && blob[0] === 1) blob[0] = 2;
      return runOp('seal.open', { ...i, blob: blob.length >= 45 ? blob.toString('base64url') : String(i.blob) });
    },
    'seal.seal': async (i) => {
      const r = await runOp('seal.seal', { ...i, version: i.version === 1 ? 2 : Number(i.version) });
      if (!('ok' in r) || !r.ok || i.version !== 1) return r;
      const b = Buffer.from(String(r.output.blob), 'base64url');
      b[0] = 1;
      return { ok: true, output: { blob: b.toString('base64url') } };
    },
  },
});
export const { info, run } = m;
export default m;
