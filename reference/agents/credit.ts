// Network-access credit credentials (spec/13-agents.md 13.3): a short-lived RS256 JWS from an
// issuer the room trusts, proving an agent paid for about a minute of presence. The envelope and
// key steps are those of an ID token (chapter 5), reported under `credit.*`; the claims are a
// credit's own (no audience, no e-mail, no certificate binding). Upstream's `verifyCreditCredential`.
import type { JsonObject } from '../encoding/json.ts';
import { checkHeader, checkSignature, parseIdToken } from '../certbinding/idtoken.ts';
import { fail, ok, type Result } from '../result.ts';
import { CREDIT_LEEWAY_S, MAX_CREDIT_CHARS } from './constants.ts';

export interface CreditVerifyArgs {
  jwt: unknown;
  /** The issuer's JWKS document `{keys: [...]}`. */
  jwks: unknown;
  /** Trusted issuer string(s). */
  issuer: string | readonly string[];
  now: number;
  /** When set, the credential's `room` claim must equal it (a missing claim fails) [CRED-02]. */
  room?: string;
  /** When set and non-empty, the credential's `k` claim must equal it. */
  kind?: string;
  leeway?: number;
}

/** The chapter-5 codes of the shared steps, each under this chapter's name (the Errors table of 13). */
const CREDIT_CODE: Readonly<Record<string, string>> = {
  'idtoken.malformed': 'credit.malformed',
  'idtoken.oversize': 'credit.oversize',
  'idtoken.unsupported-alg': 'credit.unsupported-alg',
  'idtoken.bad-typ': 'credit.bad-typ',
  'idtoken.unsupported-crit': 'credit.unsupported-crit',
  'idtoken.no-key': 'credit.no-key',
  'idtoken.bad-signature': 'credit.bad-signature',
};

/** A shared step's failure, renamed into this chapter's namespace. */
const asCredit = <T>(r: Result<T>): Result<T> => (r.ok ? r : fail(CREDIT_CODE[r.error.code] ?? r.error.code, r.error.message));

/** Verification in the order of [CRED-02]; the first failing step is the answer. */
export async function verifyCredit(args: CreditVerifyArgs): Promise<Result<{ claims: JsonObject }>> {
  if (typeof args.jwt === 'string' && args.jwt.length > MAX_CREDIT_CHARS) return fail('credit.oversize', `credential is ${args.jwt.length} characters (limit ${MAX_CREDIT_CHARS})`);
  const jwt = asCredit(parseIdToken(args.jwt)); // three parts, JSON header and claims [IDT-02]
  if (!jwt.ok) return jwt;
  const header = asCredit(checkHeader(jwt.value.header)); // RS256 only, typ, crit [IDT-03], [IDT-04], [IDT-24]
  if (!header.ok) return header;
  const sig = asCredit(await checkSignature(jwt.value, args.jwks)); // kid selection, RSASSA-PKCS1-v1_5 [IDT-05..IDT-07], [IDT-23]
  if (!sig.ok) return sig;
  const c = jwt.value.claims;
  const issuers = typeof args.issuer === 'string' ? [args.issuer] : args.issuer;
  if (typeof c.iss !== 'string' || !issuers.includes(c.iss)) return fail('credit.bad-iss', `iss ${JSON.stringify(c.iss)} is not a trusted issuer`);
  if (args.kind !== undefined && args.kind !== '' && c.k !== args.kind) return fail('credit.wrong-kind', `k ${JSON.stringify(c.k)} is not ${JSON.stringify(args.kind)}`);
  if (args.room !== undefined && c.room !== args.room) return fail('credit.wrong-room', `room ${JSON.stringify(c.room)} is not ${JSON.stringify(args.room)}`);
  const leeway = args.leeway ?? CREDIT_LEEWAY_S;
  if (typeof c.exp !== 'number' || args.now >= c.exp + leeway) return fail('credit.expired', 'exp is missing or past (with leeway)');
  if (typeof c.nbf === 'number' && args.now < c.nbf - leeway) return fail('credit.not-yet-valid', 'nbf is in the future (with leeway)');
  if (typeof c.iat === 'number' && c.iat > args.now + leeway) return fail('credit.future-iat', 'iat is in the future (with leeway)');
  if (typeof c.sub !== 'string' || c.sub === '') return fail('credit.no-sub', 'sub is missing or not a non-empty string');
  return ok({ claims: c });
}
