// PeerJS's `json` serialization (spec/11-data-connections.md 11.7): one message is the UTF-8 of
// its JSON text, in one binary data-channel message, shorter than 16300 bytes; no chunking.
import { fail, ok, type Result } from '../result.ts';
import { JSON_LIMIT } from './constants.ts';

const encoder = new TextEncoder();
// Upstream decodes with replacement (and drops a leading BOM): a JSON peer reads what it can [WIRE-46].
const lenientUtf8 = new TextDecoder('utf-8');

/** The bytes of one message on a `json` connection [WIRE-45]. */
export function encodeJsonMessage(value: unknown): Result<Uint8Array> {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    return fail('wire.unencodable', `JSON cannot carry this value: ${(e as Error).message}`);
  }
  if (text === undefined) return fail('wire.unencodable', 'JSON has no text for this value');
  const bytes = encoder.encode(text);
  if (bytes.length >= JSON_LIMIT) return fail('wire.json-too-large', `${bytes.length} bytes; a JSON message must be shorter than ${JSON_LIMIT}`);
  return ok(bytes);
}

/** The value of one message received on a `json` connection, or `wire.bad-json` [WIRE-46]. */
export function decodeJsonMessage(bytes: Uint8Array): Result<unknown> {
  try {
    return ok(JSON.parse(lenientUtf8.decode(bytes)) as unknown);
  } catch {
    return fail('wire.bad-json', `the ${bytes.length}-byte message is not JSON text`);
  }
}
