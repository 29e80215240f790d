// The one decoding path every plane decoder shares. It never throws [MSG-07]: a value the compiled
// validator accepts is returned as is (typed); anything else becomes the fault of 7.9 [MSG-39].
import { MSG_BAD_VALUE, MSG_WRONG_TYPE, msgError, type MsgResult } from './codes.ts';
import type { CatalogEntry } from './catalog.ts';

export function decodeWith<T>(entry: CatalogEntry, value: unknown): MsgResult<T> {
  try {
    if (entry.check(value)) return { ok: true, value: value as T };
    const fault = entry.faults.find(entry.name, value);
    if (fault) return msgError(fault.code, fault.path, fault.detail);
    // The two validators disagree: a bug the fuzz suite exists to catch. Reject, never accept.
    return msgError(MSG_BAD_VALUE, '', 'rejected by the compiled validator without a located fault');
  } catch (e) {
    // Only values no JSON parser produces get here (cycles, throwing getters, proxies).
    return msgError(MSG_WRONG_TYPE, '', `not a JSON value (${e instanceof Error ? e.name : 'thrown'})`);
  }
}
