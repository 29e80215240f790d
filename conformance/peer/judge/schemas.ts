// What the judge validates frames against: the published JSON Schema bundles in schemas/json/,
// compiled as plain JSON Schema (never the reference's decoders). A frame of a known kind is
// checked against that kind's definition, so the message names the member that is wrong.
import { readFileSync } from 'node:fs';
import Schema from 'typebox/schema';
import { fromRoot } from '../../lib/paths.ts';

type Validator = { Check(v: unknown): boolean; Errors(v: unknown): unknown };

const bundles = new Map<string, Record<string, unknown>>();
const compiled = new Map<string, Validator>();

function bundle(name: string): Record<string, unknown> {
  let b = bundles.get(name);
  if (!b) {
    b = JSON.parse(readFileSync(fromRoot('schemas', 'json', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
    bundles.set(name, b);
  }
  return b;
}

/** A validator for `<bundle>#/$defs/<def>` from the published file. */
export function validator(bundleName: string, def: string): Validator {
  const key = `${bundleName}#${def}`;
  let v = compiled.get(key);
  if (!v) {
    v = Schema.Compile({ ...bundle(bundleName), $ref: `#/$defs/${def}` }) as unknown as Validator;
    compiled.set(key, v);
  }
  return v;
}

function firstErrors(v: Validator, value: unknown): string {
  const raw = v.Errors(value) as unknown;
  // typebox/schema answers [valid, errors]; keep it robust to a plain list.
  const list = (Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'boolean' ? raw[1] : raw) as { instancePath?: string; message?: string }[];
  return (Array.isArray(list) ? list : [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
    .join('; ');
}

/** Null when `value` matches the definition; otherwise a short reason. */
export function violates(bundleName: string, def: string, value: unknown): string | null {
  const v = validator(bundleName, def);
  return v.Check(value) ? null : firstErrors(v, value) || 'does not match';
}

const CLIENT_KINDS: Record<string, string> = { voice: 'VoiceMsg', knock: 'KnockMsg', ping: 'PingMsg', leave: 'LeaveMsg', mod: 'ModMsg' };
const COORDINATOR_KINDS: Record<string, string> = { roster: 'RosterMsg', lobby: 'LobbyMsg', kick: 'KickMsg', reset: 'ResetMsg', ping: 'PingMsg' };

/**
 * MSG-01 for one presence frame the implementation sent: it must be a known kind of its direction
 * and match that kind's definition. Null when it does.
 */
export function presenceViolation(from: 'participant' | 'coordinator', frame: unknown): string | null {
  const kinds = from === 'participant' ? CLIENT_KINDS : COORDINATOR_KINDS;
  const t = typeof frame === 'object' && frame !== null && !Array.isArray(frame) ? (frame as { t?: unknown }).t : undefined;
  if (typeof t !== 'string') return `not an object with a string "t": ${JSON.stringify(frame).slice(0, 120)}`;
  const def = kinds[t];
  if (!def) return `"t": ${JSON.stringify(t)} is not a frame a ${from} sends (presence#/$defs/${from === 'participant' ? 'ClientToCoordinator' : 'CoordinatorToClient'})`;
  const why = violates('presence', def, frame);
  return why ? `presence#/$defs/${def}: ${why} in ${JSON.stringify(frame).slice(0, 160)}` : null;
}
