// The sealed host private key `ghk` [SEAL-07]: a seal of the JSON text of the host's private JWK.
// Unsealing opens it and insists on a usable P-256 private key; the caller then signs host
// commands (chapter 4) with it.
import { isJsonObject, parseJson, type JsonObject } from '../encoding/json.ts';
import { fail, ok, type Result } from '../result.ts';
import { importPrivateJwk } from '../token/keys.ts';
import { open } from './seal.ts';

export async function unsealHostKey(blob: string, password: string): Promise<Result<JsonObject>> {
  const opened = await open(blob, password);
  if (!opened.ok) return opened;
  const parsed = parseJson(opened.value);
  if (!parsed.ok || !isJsonObject(parsed.value)) return fail('hostkey.bad-key', 'the sealed text is not a JSON object');
  if (!importPrivateJwk(parsed.value).ok) return fail('hostkey.bad-key', 'the sealed JWK is not a valid P-256 private key');
  return ok(parsed.value);
}
