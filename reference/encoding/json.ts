// JSON is not canonical in Kibitz [CONV-12]: a signer signs the exact bytes it sends and a
// verifier verifies the exact bytes it received. These helpers only parse and type-narrow.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON.parse without throwing: accepts exactly what JSON.parse accepts [CONV-16]; duplicate member names resolve to the last one [CONV-14]. */
export function parseJson(text: string): { ok: true; value: JsonValue } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    return { ok: false };
  }
}
