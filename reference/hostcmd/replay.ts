// The coordinator's jti replay window [HCMD-13], [HCMD-14]: remembers the last 256 jti values
// it accepted; a repeat inside the window is refused; the oldest entry falls out first. A command
// without a jti is not replay-guarded (old clients), which the spec lists as a weakness.
import { JTI_WINDOW } from './payload.ts';

export class JtiWindow {
  readonly #seen = new Set<string>(); // a Set iterates in insertion order: first = oldest
  constructor(readonly capacity = JTI_WINDOW) {}

  /** True when the command may be enacted (and its jti is now remembered). */
  admit(jti: string | undefined): boolean {
    if (jti === undefined) return true;
    if (this.#seen.has(jti)) return false;
    this.#seen.add(jti);
    if (this.#seen.size > this.capacity) this.#seen.delete(this.#seen.values().next().value as string);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }
}
