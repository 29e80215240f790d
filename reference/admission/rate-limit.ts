// The short-code guessing limiter [CODE-03]: failures counted per key (a presence connection id);
// at `maxAttempts` failures the key is locked for `lockoutMs` and its count starts again. No
// timers: every call takes the current time in milliseconds.
export interface RateLimitConfig {
  maxAttempts: number;
  lockoutMs: number;
}

/** What a coordinator uses when the room sets nothing else [PRES-84]. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { maxAttempts: 5, lockoutMs: 60_000 };

export class RateLimiter {
  readonly #state = new Map<string, { fails: number; lockedUntil: number }>();
  constructor(readonly config: RateLimitConfig = DEFAULT_RATE_LIMIT) {}

  /** Locked while lockedUntil > now (strictly): at lockedUntil the key may try again. */
  check(key: string, now: number): { allowed: boolean; retryInMs: number } {
    const s = this.#state.get(key);
    if (s && s.lockedUntil > now) return { allowed: false, retryInMs: s.lockedUntil - now };
    return { allowed: true, retryInMs: 0 };
  }

  fail(key: string, now: number): void {
    const s = this.#state.get(key) ?? { fails: 0, lockedUntil: 0 };
    const fails = s.fails + 1;
    if (fails >= this.config.maxAttempts) this.#state.set(key, { fails: 0, lockedUntil: now + this.config.lockoutMs });
    else this.#state.set(key, { fails, lockedUntil: s.lockedUntil });
  }

  /** On success, and when the connection goes. */
  clear(key: string): void {
    this.#state.delete(key);
  }

  get size(): number {
    return this.#state.size;
  }
}
