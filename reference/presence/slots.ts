// The coordinator's slots (spec/08-presence.md 8.2): connection id (or the coordinator's own key)
// -> member and token, in creation order, which is roster order [PRES-18]. A Map with two extras
// the hot path needs: a version that moves only when the roster's content does, so the roster
// frame is built once per change rather than once per send [PRES-19], and an index from token to
// slot, so a re-announce finds the slot its token already holds without scanning the room [PRES-15].
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import type { CallMember } from './wire.ts';

export interface Slot {
  member: CallMember;
  token?: string;
  /** The member as a roster frame writes it [PRES-18]; built on first use, kept while the slot is. */
  json?: JsonObject;
}

export class Slots implements Iterable<[string, Slot]> {
  readonly #map = new Map<string, Slot>();
  readonly #byToken = new Map<string, string>(); // non-empty token -> the key of the slot holding it
  #version = 0;

  /** Moves whenever a member is added, removed or changed; never otherwise. */
  get version(): number {
    return this.#version;
  }
  get size(): number {
    return this.#map.size;
  }
  get(key: string): Slot | undefined {
    return this.#map.get(key);
  }
  has(key: string): boolean {
    return this.#map.has(key);
  }
  keys(): IterableIterator<string> {
    return this.#map.keys();
  }
  values(): IterableIterator<Slot> {
    return this.#map.values();
  }
  entries(): IterableIterator<[string, Slot]> {
    return this.#map.entries();
  }
  [Symbol.iterator](): IterableIterator<[string, Slot]> {
    return this.#map.entries();
  }

  /** Creates the slot at the end, or updates it in place (keeping its place) [PRES-15]. */
  set(key: string, slot: Slot): this {
    const prev = this.#map.get(key);
    if (prev && prev.token === slot.token && sameMember(prev.member, slot.member)) return this;
    if (prev?.token && this.#byToken.get(prev.token) === key) this.#byToken.delete(prev.token);
    this.#map.set(key, slot);
    if (slot.token) this.#byToken.set(slot.token, key);
    this.#version++;
    return this;
  }

  delete(key: string): boolean {
    const prev = this.#map.get(key);
    if (!prev) return false;
    this.#map.delete(key);
    if (prev.token && this.#byToken.get(prev.token) === key) this.#byToken.delete(prev.token);
    this.#version++;
    return true;
  }

  /** The key of the slot holding this non-empty token, if any. */
  keyOfToken(token: string): string | undefined {
    return this.#byToken.get(token);
  }
}

function sameMember(a: CallMember, b: CallMember): boolean {
  return a.id === b.id && a.name === b.name && a.cam === b.cam && a.avatar === b.avatar && jsonEqual(a.meta, b.meta);
}

/**
 * Equality of JSON values, object member order ignored (the comparison of spec/10 10.3): an
 * announcement whose `meta` only lists the same members in another order changes nothing.
 * Undefined only equals undefined.
 */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
  return true;
}
