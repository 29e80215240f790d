// Lenient reader for the reserved roster record meta["~kbz"] [MSG-29]. A roster is never rejected
// for what this record holds: peers that predate it, or send garbage, read as protocol 1 with no
// features, which keeps old and new peers in one call.
import { PROTOCOL_VERSION } from '../../schemas/src/presence.ts';
import { isJsonObject } from '../encoding/json.ts';

export interface EngineInfo {
  readonly v: string;
  readonly b: string;
  readonly p: number;
  readonly f: readonly string[];
}

/** Readers use at most this many characters of `b` and entries of `f` (upstream's bound). */
export const ENGINE_FIELD_CAP = 64;


/** The engine record of a member's meta, or undefined for a peer that publishes none. */
export function readEngineMeta(meta: unknown): EngineInfo | undefined {
  if (!isJsonObject(meta)) return undefined;
  const raw = meta['~kbz'];
  if (!isJsonObject(raw)) return undefined;
  return {
    v: typeof raw.v === 'string' ? raw.v : '',
    b: typeof raw.b === 'string' ? raw.b.slice(0, ENGINE_FIELD_CAP) : '',
    p: typeof raw.p === 'number' && Number.isFinite(raw.p) ? raw.p : PROTOCOL_VERSION,
    f: Array.isArray(raw.f) ? raw.f.filter((x): x is string => typeof x === 'string').slice(0, ENGINE_FIELD_CAP) : [],
  };
}

/** The protocol generation a member speaks: its `~kbz.p`, or 1 when absent or garbage. */
export const memberProtocol = (meta: unknown): number => readEngineMeta(meta)?.p ?? PROTOCOL_VERSION;
