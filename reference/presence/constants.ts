// Every presence-plane timer and limit, in one place (spec/08-presence.md, "Timers").
// Values are local durations in milliseconds; none of them travels on the wire [CONV-02 note].

/** Coordinator heartbeat: ping every connection, reap, re-send the roster [PRES-22]. */
export const BEAT_MS = 2500;
/** A connection silent for longer than this at a beat is reaped [PRES-23]. */
export const REAP_MS = 12000;
/** A gap between two beats longer than this means our own process was frozen [PRES-24], [PRES-36]. */
export const FREEZE_GAP_MS = 6000;
/** Participant beacon and silence check interval [PRES-36]. */
export const PING_MS = 2500;
/** A participant gives up on a coordinator silent for longer than this [PRES-36]. */
export const SILENCE_MS = 12000;
/** One dial attempt that has not opened after this long has failed [PRES-37]. */
export const OPEN_TIMEOUT_MS = 15000;
/** Re-dial delay is RETRY_BASE_MS + attempts * RETRY_STEP_MS [PRES-37]. */
export const RETRY_BASE_MS = 2000;
export const RETRY_STEP_MS = 1500;
/** Failed attempts after which the participant gives up on the coordinator [PRES-37]. */
export const MAX_ATTEMPTS = 4;
/** Wait after losing a role before claiming again [PRES-47]. */
export const RECLAIM_DELAY_MS = 1500;
/** Wait after a claim error before the next claim [PRES-45]. */
export const CLAIM_RETRY_MS = 3000;
/** A claim with no answer after this long counts as an error [PRES-46]. */
export const CLAIM_TIMEOUT_MS = 8000;
/** Participant re-announce: once at each offset after joining, then every REANNOUNCE_MS [PRES-40]. */
export const REANNOUNCE_OFFSETS_MS = [600, 1800] as const;
export const REANNOUNCE_MS = 3000;
/** Longest ID token the identity gate looks at [PRES-10], same as [IDT-01]. */
export const MAX_GATE_TOKEN_CHARS = 8192;
/** Identity-gate verification parameters a coordinator should use [IDT-20]. */
export const GATE_LEEWAY_S = 30;
export const GATE_MAX_AGE_S = 3600;
/** Seen tokens and seen media ids a coordinator keeps, each; the least recently added go first (a lookup does not count) [PRES-63]. */
export const SEEN_CAP = 256;
/** Display name used when a frame carries none [PRES-18]. */
export const DEFAULT_NAME = 'Guest';
