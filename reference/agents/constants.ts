// Every constant of spec/13-agents.md, in one place. Upstream names in brackets.

/** The `k` tag of an agent key assertion [AGT-01] (`ASSERTION_KIND`). */
export const ASSERTION_KIND = 'kbz-agent-key.v1';
/** An assertion older than this many seconds is stale [AGT-06] (`maxAgeSec` default). */
export const ASSERTION_MAX_AGE_S = 300;
/** An assertion dated up to this many seconds ahead is accepted [AGT-06] (`leewaySec` default). */
export const ASSERTION_LEEWAY_S = 60;
/** An agent re-signs its assertion this often [AGT-04] (`setInterval(…, 4 * 60 * 1000)`). */
export const ASSERTION_RESIGN_MS = 240_000;
/** Longest assertion a coordinator looks at, characters [PRES-102] (`MAX_ASSERTION_CHARS`). */
export const MAX_ASSERTION_CHARS = 2048;

/** Longest credit credential a verifier looks at, characters [CRED-02], [PRES-102]. */
export const MAX_CREDIT_CHARS = 8192;
/** Clock leeway of credit verification, seconds [CRED-02], [CRED-03] (`leewaySec` default). */
export const CREDIT_LEEWAY_S = 60;
/** A coordinator reaps a credit-gated agent this long after its credential's exp [PRES-108] (`CREDIT_REAP_LEEWAY_SEC`). */
export const CREDIT_REAP_S = 90;

/** Disclosure text a receiver keeps of a grant's `backend`, UTF-16 code units [GRANT-05]. */
export const BACKEND_MAX = 80;
