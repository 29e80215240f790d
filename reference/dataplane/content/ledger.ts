// The room-state ledger lanes `ledger` and `chatledger` (spec/14-data-plane.md 14.7.7): a
// conflict-free map merged key by key. Upstream merges whatever arrives; the entry checks here
// are the hardening of [CONT-28].
import { isJsonObject, type JsonObject, type JsonValue } from '../../encoding/json.ts';
import { fail, ok, type Result } from '../../result.ts';
import { isNumber } from '../text.ts';
import type { ReceiverState } from './state.ts';

type Entry = JsonObject;

/** A well-formed entry [CONT-28]: owned {author, seq, expireAt, value} or attested {adds, removes}. */
export function validEntry(e: JsonValue): e is Entry {
  if (!isJsonObject(e)) return false;
  if (e.kind === 'owned') return typeof e.author === 'string' && isNumber(e.seq) && isNumber(e.expireAt);
  if (e.kind === 'attested') {
    return (
      Array.isArray(e.adds) &&
      e.adds.every((a) => isJsonObject(a) && typeof a.id === 'string' && typeof a.author === 'string' && isNumber(a.expireAt)) &&
      Array.isArray(e.removes) &&
      e.removes.every((r) => typeof r === 'string')
    );
  }
  return false;
}

/** Owned: the higher seq wins; equal seq: the greater author (UTF-16 order), the held one on a tie [CONT-27]. */
function mergeOwned(held: Entry, inc: Entry): Entry {
  if (held.seq !== inc.seq) return (held.seq as number) > (inc.seq as number) ? held : inc;
  return (held.author as string) >= (inc.author as string) ? held : inc;
}

/** Attested: adds united by id (first position, last value), removes united (first position) [CONT-27]. */
function mergeAttested(held: Entry, inc: Entry): Entry {
  const adds = new Map<string, JsonValue>();
  for (const a of [...(held.adds as JsonObject[]), ...(inc.adds as JsonObject[])]) adds.set(a.id as string, a);
  const removes = [...new Set([...(held.removes as string[]), ...(inc.removes as string[])])];
  return { kind: 'attested', adds: [...adds.values()], removes };
}

export function mergeEntry(held: Entry | undefined, inc: Entry): Entry {
  if (!held || !validEntry(held)) return inc; // a held entry CONT-28 would skip is replaced [CONT-27]
  if (held.kind === 'owned' && inc.kind === 'owned') return mergeOwned(held, inc);
  if (held.kind === 'attested' && inc.kind === 'attested') return mergeAttested(held, inc);
  return held.kind === 'owned' ? held : inc; // a kind mismatch resolves to the owned entry
}

/** JSON value equality, member order ignored. */
function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return false;
}

/** ledger and chatledger [CONT-26] to [CONT-28]. */
export function receiveLedger(s: ReceiverState, sender: string, k: 'ledger' | 'chatledger', f: Record<string, JsonValue>): Result<JsonObject> {
  const m = f.m;
  if (!isJsonObject(m)) return fail('cont.empty', 'no ledger message');
  if (m.v !== 1) return fail('cont.bad-field', 'm.v is not 1');
  const held = s.ledgers[k];
  if (m.op === 'request') return ok({ k, sender, op: 'request', reply: { k, m: { v: 1, op: 'state', state: held } } });
  if (m.op !== 'state' && m.op !== 'update') return fail('cont.bad-field', 'm.op is not request, state or update');
  if (!isJsonObject(m.state)) return fail('cont.bad-field', 'm.state is not an object');
  // A Map, not object assignment: a key such as "__proto__" must stay an ordinary key.
  const next = new Map<string, JsonValue>(Object.entries(held));
  const changed: string[] = [];
  const skipped: string[] = [];
  for (const [key, entry] of Object.entries(m.state)) {
    if (!validEntry(entry)) {
      skipped.push(key);
      continue;
    }
    const before = next.get(key);
    const merged = mergeEntry(isJsonObject(before) ? before : undefined, entry);
    if (!same(before, merged)) changed.push(key);
    next.set(key, merged);
  }
  const ledger = Object.fromEntries(next) as JsonObject;
  s.ledgers[k] = ledger;
  // Key order in a JSON object is not portable (ECMAScript moves integer-like keys first), so
  // the lists are sorted by UTF-16 code units.
  const sorted = (xs: string[]) => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ok({ k, sender, op: m.op, ledger, changed: sorted(changed), ...(skipped.length ? { skipped: sorted(skipped) } : {}) });
}
