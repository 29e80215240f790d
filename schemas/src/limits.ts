// Size limits of the wire messages (spec/07-messages.md, "Limits"). Lengths count Unicode code
// points, as JSON Schema `maxLength` does; every upstream limit kept here applies to ASCII text, where
// that equals upstream's UTF-16 `.length`.

/** Upstream: a coordinator drops a `mod` token longer than this without verifying it [HCMD-12]. */
export const MOD_TOKEN_MAX = 8192;
/** Upstream: an ID token longer than this never verifies [IDT-01]; the data-plane frame is dropped. */
export const ID_TOKEN_MAX = 8192;

// Hardening caps (SHOULD): upstream has no limit on these presence members; the caps sit far above
// anything an honest client sends and apply where a coordinator accepts input, not in the roster.
export const NAME_MAX = 256;
export const AVATAR_MAX = 2048;
export const MEDIA_ID_MAX = 256;
export const IDENTITY_TOKEN_MAX = 512;
