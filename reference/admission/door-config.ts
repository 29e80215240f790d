// Reading a gate config (spec/08-presence.md, "Adapter ops") from JSON: the plain identity gate
// `{require, bindsFingerprint?}` of PRES-09, or a gate mode with its link material [PRES-75].
// A wrong shape is input.invalid (ADP-08) before any machine runs.
import { isJsonObject, type JsonObject } from '../encoding/json.ts';
import { InputError } from '../adapter/input.ts';
import type { DoorConfig } from './door.ts';
import { LOCAL_MODES } from './door.ts';
import { isGateMode, type GateMode } from './link.ts';

export interface ParsedGate extends DoorConfig {
  require: boolean;
  bindsFingerprint: boolean;
  /** Declared agents must present a credit credential (chapter 8.10) [PRES-100]. */
  credits: boolean;
}

const strings = (v: unknown, what: string): string[] => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InputError(`${what} must be an array of strings`);
  return v as string[];
};
const boolOr = (o: JsonObject, k: string, dflt: boolean | undefined): boolean => {
  if (o[k] === undefined) {
    if (dflt === undefined) throw new InputError(`config.gate.${k} must be a boolean`);
    return dflt;
  }
  if (typeof o[k] !== 'boolean') throw new InputError(`config.gate.${k} must be a boolean`);
  return o[k] as boolean;
};
const posInt = (o: JsonObject, k: string): number => {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new InputError(`config.gate.limit.${k} must be a positive integer`);
  return v;
};

/** undefined: no gate at all (absent, or the open mode [PRES-76]). */
export function parseGateConfig(g: JsonObject): ParsedGate | undefined {
  let mode: GateMode | undefined;
  if (g.g !== undefined) {
    if (!isGateMode(g.g)) throw new InputError('config.gate.g must be open, names, code, email, google or invite');
    mode = g.g;
  }
  if (mode === 'open') return undefined;
  const out: ParsedGate = {
    // A mode's door is on from the start; the plain gate states it [PRES-75].
    require: boolOr(g, 'require', mode ? true : undefined),
    bindsFingerprint: boolOr(g, 'bindsFingerprint', true),
    credits: boolOr(g, 'credits', false),
  };
  if (mode) {
    out.g = mode;
    // A mode fixes whether its credential binds the certificate: names, code and invite never do
    // [PRES-77], google and email always do [PRES-83]. The member is read only for a plain gate.
    out.bindsFingerprint = !LOCAL_MODES.includes(mode);
  }
  if (g.gn !== undefined) out.gn = strings(g.gn, 'config.gate.gn');
  if (g.gk !== undefined && g.gk !== null) out.gk = g.gk;
  if (g.gm !== undefined) {
    if (typeof g.gm !== 'string') throw new InputError('config.gate.gm must be a string');
    out.gm = g.gm;
  }
  if (g.codes !== undefined) {
    if (!Array.isArray(g.codes)) throw new InputError('config.gate.codes must be an array');
    out.codes = g.codes.map((e, i) => {
      if (!isJsonObject(e) || typeof e.name !== 'string' || typeof e.code !== 'string') throw new InputError(`config.gate.codes[${i}] must be {name, code} strings`);
      return { name: e.name, code: e.code };
    });
  }
  if (g.limit !== undefined) {
    if (!isJsonObject(g.limit)) throw new InputError('config.gate.limit must be an object');
    out.limit = { maxAttempts: posInt(g.limit, 'maxAttempts'), lockoutMs: posInt(g.limit, 'lockoutMs') };
  }
  return out;
}
