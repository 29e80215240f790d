// The agent's side of the door (spec/13-agents.md [AGT-04]): once it holds its key, an agent signs
// a fresh assertion at once and again every 240 s, so that the assertion riding its knock and voice
// frames is never stale (300 s, [AGT-06]) when a coordinator re-verifies it. A sans-IO machine:
// events and virtual time in, "sign this payload now" out. Upstream: useCall `provideAgentKey` and
// `refreshAgentAssertion`.
import type { JsonObject } from '../encoding/json.ts';
import { readableFingerprint } from '../certbinding/fingerprint.ts';
import { ASSERTION_RESIGN_MS } from './constants.ts';
import { assertionPayload } from './assertion.ts';

export type PresenterEvent =
  | { type: 'key' }
  | { type: 'room'; room: string }
  | { type: 'fp'; fp: string }
  | { type: 'tick' }
  | { type: 'close' };

export type PresenterOutput = { type: 'assertion'; payload: JsonObject };

export class AgentPresenter {
  #room: string;
  #fp: string;
  #due: number | null = null;

  constructor(config: { room?: string; fp?: string } = {}) {
    this.#room = config.room ?? '';
    this.#fp = config.fp ?? '';
  }

  /** The next virtual time a re-sign is due, or null while no key is held. */
  wake(): number | null {
    return this.#due;
  }

  step(at: number, e: PresenterEvent): PresenterOutput[] {
    switch (e.type) {
      case 'room':
        this.#room = e.room;
        return [];
      case 'fp':
        this.#fp = e.fp;
        return [];
      case 'close':
        this.#due = null; // the timer goes with the call
        return [];
      case 'key':
        return this.attempt(at); // at once, and the clock restarts [AGT-04]
      case 'tick':
        return this.#due !== null && at >= this.#due ? this.attempt(at) : [];
    }
  }

  /** Sign only with a room id and a readable fingerprint; without them wait for the next due time. */
  private attempt(at: number): PresenterOutput[] {
    this.#due = at + ASSERTION_RESIGN_MS;
    if (this.#room === '' || !readableFingerprint(this.#fp)) return [];
    return [{ type: 'assertion', payload: assertionPayload(this.#room, this.#fp, Math.floor(at / 1000)) }];
  }
}
