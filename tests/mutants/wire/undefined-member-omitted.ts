// Leaves out members whose value is undefined, as JSON.stringify does, instead of writing them as nil.
import type { JsonValue } from './_lib.ts';
import { reference, wireMutant } from './_lib.ts';

function strip(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(strip);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith('$')) return v;
  return Object.fromEntries(keys.filter((k) => !(JSON.stringify(v[k]) === '{"$undefined":true}')).map((k) => [k, strip(v[k]!)]));
}
const m = wireMutant('undefined-member-omitted', {
  bug: 'members holding undefined are left out of maps',
  breaks: 'WIRE-17',
  mustFail: ['wire.encode-map.map-undefined-member', 'wire.captured.voice-encode'],
  op: 'wire.encode',
  run: (input) => reference('wire.encode', { ...input, value: strip(input.value as JsonValue) }),
});
export const { info, run } = m;
export default m;
