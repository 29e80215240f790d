// Assembles int64 and uint64 in binary64 arithmetic, as upstream does: beyond 2^53 they are rounded.
import type { JsonValue } from './_lib.ts';
import { okOutput, outputOf, reference, wireMutant } from './_lib.ts';

function lossy(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(lossy);
  if (v === null || typeof v !== 'object') return v;
  if (typeof v.$int === 'string' && Object.keys(v).length === 1) return Number(BigInt(v.$int));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lossy(x)]));
}
const m = wireMutant('int64-through-double', {
  bug: 'int64 and uint64 decode to the nearest binary64',
  breaks: 'WIRE-20',
  mustFail: ['wire.decode.uint64-max', 'wire.decode.int64-min'],
  op: 'wire.decode',
  run: (input) => {
    const out = reference('wire.decode', input);
    const o = outputOf(out);
    return o ? okOutput({ value: lossy(o.value as JsonValue) }) : out;
  },
});
export const { info, run } = m;
export default m;
