// JSON types and a guard for the harness's own use. The harness reads vectors and adapter
// messages as plain JSON (through the published schemas), never through the reference's types.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON.parse that answers null instead of throwing. */
export function tryParseJson(text: string): { value: JsonValue } | null {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return null;
  }
}
