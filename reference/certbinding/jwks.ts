// Obtaining an issuer's signing keys [IDT-21] and routing a token to its provider [IDT-22]. I/O is
// injected (`fetch`, `now`), so the logic is testable and runs in browsers and Node alike.
import { isJsonObject, parseJson, type JsonObject } from '../encoding/json.ts';
import { decodeBase64url } from '../encoding/base64url.ts';
import { decodeUtf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';

export const JWKS_CACHE_MS = 3_600_000;

export type FetchJson = (url: string) => Promise<unknown>;

export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/** Discovery then JWKS; any failure is an empty key list, which fails closed at key selection [IDT-19]. */
export async function fetchJwks(issuer: string, fetchJson: FetchJson): Promise<JsonObject> {
  try {
    const config = await fetchJson(discoveryUrl(issuer));
    const uri = isJsonObject(config) ? config.jwks_uri : undefined;
    if (typeof uri !== 'string' || new URL(uri).protocol !== 'https:') return { keys: [] };
    const jwks = await fetchJson(uri);
    return isJsonObject(jwks) && Array.isArray(jwks.keys) ? { keys: jwks.keys } : { keys: [] };
  } catch {
    return { keys: [] };
  }
}

/** Per-issuer cache of one hour; `invalidate` drops an entry (e.g. after a kid miss). */
export class JwksCache {
  readonly #entries = new Map<string, { at: number; jwks: JsonObject }>();
  constructor(
    readonly fetchJson: FetchJson,
    readonly now: () => number,
  ) {}

  async get(issuer: string): Promise<JsonObject> {
    const hit = this.#entries.get(issuer);
    if (hit && this.now() - hit.at < JWKS_CACHE_MS) return hit.jwks;
    const jwks = await fetchJwks(issuer, this.fetchJson);
    this.#entries.set(issuer, { at: this.now(), jwks });
    return jwks;
  }

  invalidate(issuer: string): void {
    this.#entries.delete(issuer);
  }
}

export interface AcceptedProvider {
  issuers: readonly string[];
  audience: string;
  /** Where keys are discovered. */
  discoveryIssuer: string;
}

/** Reads `iss` without verifying, only to pick the provider; full verification follows [IDT-22]. */
export function routeByIssuer(jwt: string, providers: readonly AcceptedProvider[]): Result<AcceptedProvider> {
  const parts = jwt.split('.');
  const bytes = parts.length === 3 ? decodeBase64url(parts[1]!) : null;
  const text = bytes?.ok ? decodeUtf8(bytes.value) : null;
  const claims = text === null ? null : parseJson(text);
  const iss = claims?.ok && isJsonObject(claims.value) ? claims.value.iss : undefined;
  if (typeof iss !== 'string') return fail('idtoken.malformed', 'no readable iss to route by');
  const provider = providers.find((p) => p.issuers.includes(iss));
  return provider ? ok(provider) : fail('idtoken.bad-iss', `no accepted provider speaks for ${JSON.stringify(iss)}`);
}
