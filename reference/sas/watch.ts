// When to re-read the safety codes [SAS-11]: every 4000 ms for the whole call, on virtual time.
// A sans-IO timer: the caller feeds the clock and reads every peer's code when `due` says so.
import { POLL_INTERVAL_MS } from './alarm.ts';

export class SafetyPoll {
  #next: number | null = null;
  constructor(readonly intervalMs = POLL_INTERVAL_MS) {}

  /** True when a reading is due at `now`; the first call in a call is always due. */
  due(now: number): boolean {
    if (this.#next !== null && now < this.#next) return false;
    this.#next = now + this.intervalMs;
    return true;
  }

  /** The call ended: the next call starts polling at once and no state carries over. */
  reset(): void {
    this.#next = null;
  }
}
