// Time is injected: the engine asks a Clock for "now" and for one timer at a time. The
// VirtualClock lets tests and the fault-injecting bus run minutes of protocol in milliseconds,
// deterministically; the system clock is for real use.
export interface Clock {
  now(): number;
  /** Calls `fn` once at virtual/real time `at` (or soon after); returns a cancel function. */
  setTimer(at: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn) {
    const t = setTimeout(fn, Math.max(0, at - Date.now()));
    return () => clearTimeout(t);
  },
};

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets promise callbacks (transport results) run before the next timer fires. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  constructor(start = 0) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimer(at: number, fn: () => void): () => void {
    const t: Timer = { at: Math.max(at, this.#now), seq: this.#seq++, fn };
    this.#timers.push(t);
    return () => {
      this.#timers = this.#timers.filter((x) => x !== t);
    };
  }
  /** Fires every timer due up to `until`, in time order (ties in creation order). */
  async runUntil(until: number): Promise<void> {
    await settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      this.#now = next.at;
      next.fn();
      await settle();
    }
    this.#now = Math.max(this.#now, until);
  }
  advance(ms: number): Promise<void> {
    return this.runUntil(this.#now + ms);
  }
  pending(): number {
    return this.#timers.length;
  }
}
