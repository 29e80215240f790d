// Takes each symbol index from the HIGH five bits of the digest byte instead of the low five.
import { safetyCode, type SafetyCode } from '../../../reference/sas/code.ts';
import { SAS_SYMBOLS } from '../../../reference/sas/alphabet.ts';
import { fromHex } from '../../../reference/encoding/text.ts';
import { fromResult } from '../../../reference/adapter/outcome.ts';
import { mutant } from '../mutant.ts';

const m = mutant('sas-high-bits', {
  bug: 'SAS index from the high five bits of each digest byte',
  breaks: 'SAS-07',
  mustFail: ['sas.code.alice-bob', 'sas.code.thirty-two-symbols', 'prop.sas.code.matches-reference'],
  ops: {
    'sas.code': (i) =>
      fromResult(safetyCode(String(i.fpA), String(i.fpB), i.symbols as number | undefined), (c: SafetyCode) => {
        const indices = Array.from(fromHex(c.digestHex).subarray(0, c.indices.length), (b) => b >> 3);
        return { code: indices.map((x) => SAS_SYMBOLS[x]).join(' '), indices };
      }),
  },
});
export const { info, run } = m;
export default m;
