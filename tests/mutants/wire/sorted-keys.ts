// Writes map members sorted by name instead of in the order of the message.
import type { JsonValue } from './_lib.ts';
import { reference, wireMutant } from './_lib.ts';

function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith('$')) return keys[0] === '$map' ? { $map: (v.$map as [JsonValue, JsonValue][]).map(([k, x]) => [k, sortKeys(x)]) } : v;
  return { $map: keys.sort().map((k) => [k, sortKeys(v[k]!)]) };
}
const m = wireMutant('sorted-keys', {
  bug: 'map members are written sorted by name',
  breaks: 'WIRE-17',
  mustFail: ['wire.encode-map.map-order', 'wire.captured.voice-encode', 'prop.wire.encode.matches-peerjs'],
  op: 'wire.encode',
  run: (input) => reference('wire.encode', { ...input, value: sortKeys(input.value as JsonValue) }),
});
export const { info, run } = m;
export default m;
