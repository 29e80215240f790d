// ID-token verification assembled from the reference steps, with one step changed.
import type { OpOutcome } from '../../../reference/adapter/outcome.ts';
import { checkBinding, checkClaims, checkHeader, checkSignature, parseIdToken, type IdTokenVerifyArgs, type ParsedJwt } from '../../../reference/certbinding/idtoken.ts';
import type { JsonObject } from '../../../reference/encoding/json.ts';
import type { Result } from '../../../reference/result.ts';

export interface Steps {
  header?: (h: JsonObject) => Result<true>;
  signature?: (jwt: ParsedJwt, jwks: unknown) => Promise<Result<true>>;
  claims?: (c: JsonObject, a: IdTokenVerifyArgs) => Result<true>;
  binding?: (c: JsonObject, fp: string | null, salt: string) => Result<true>;
}

export const argsOf = (i: JsonObject): IdTokenVerifyArgs => ({
  jwt: i.jwt, jwks: i.jwks, issuers: i.issuers as string[], audience: String(i.audience), now: Number(i.now),
  ...(i.leeway !== undefined ? { leeway: Number(i.leeway) } : {}), ...(i.maxAge !== undefined ? { maxAge: Number(i.maxAge) } : {}),
  remoteFp: (i.remoteFp as string | null) ?? null, salt: String(i.salt ?? ''),
});

export async function verifyWith(i: JsonObject, s: Steps): Promise<OpOutcome> {
  const args = argsOf(i);
  const jwt = parseIdToken(args.jwt);
  if (!jwt.ok) return { ok: false, error: jwt.error };
  const results = [
    () => (s.header ?? checkHeader)(jwt.value.header),
    () => (s.signature ?? checkSignature)(jwt.value, args.jwks),
    () => (s.claims ?? checkClaims)(jwt.value.claims, args),
    () => (s.binding ?? checkBinding)(jwt.value.claims, args.remoteFp, args.salt),
  ];
  for (const step of results) {
    const r = await step();
    if (!r.ok) return { ok: false, error: r.error };
  }
  return { ok: true, output: { claims: jwt.value.claims } };
}
