// Reading presence events and configs from language-neutral JSON (spec/08-presence.md,
// "Adapter ops"). A wrong shape is an InputError (`input.invalid`, ADP-08), raised before the
// machine sees anything, so a bad step is never half-applied.
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { InputError, int, obj, str } from '../adapter/input.ts';
import { parseGateConfig } from '../admission/door-config.ts';
import { TRAFFIC_MODES, type CoordinatorConfig, type GateConfig, type Traffic } from './coordinator.ts';
import type { LocalOp, PresenceEvent, Role } from './machine.ts';
import type { ParticipantConfig } from './participant.ts';
import type { RoomConfig } from './room.ts';

export const ROLES: readonly Role[] = ['coordinator', 'participant', 'room'];

const bool = (o: JsonObject, k: string): boolean => {
  if (typeof o[k] !== 'boolean') throw new InputError(`${k} must be a boolean`);
  return o[k] as boolean;
};
const optBool = (o: JsonObject, k: string): boolean | undefined => (o[k] === undefined ? undefined : bool(o, k));
const optStr = (o: JsonObject, k: string): string | undefined => (o[k] === undefined ? undefined : str(o, k));
const nonEmpty = (o: JsonObject, k: string): string => {
  const s = str(o, k);
  if (s === '') throw new InputError(`${k} must be a non-empty string`);
  return s;
};

export function parseRole(v: unknown): Role {
  if (!ROLES.includes(v as Role)) throw new InputError('role must be coordinator, participant or room');
  return v as Role;
}

function parseGate(v: JsonValue | undefined): GateConfig | undefined {
  if (v === undefined || v === null) return undefined;
  return parseGateConfig(obj(v, 'config.gate')); // the plain gate, or a gate mode with its material [PRES-75]
}

/** `traffic`: upstream's rule unless the config asks for the hardening of [PRES-70], [PRES-71]. */
function parseTraffic(c: JsonObject): Traffic | undefined {
  if (c.traffic === undefined) return undefined;
  if (!TRAFFIC_MODES.includes(c.traffic as Traffic)) throw new InputError(`config.traffic must be one of ${TRAFFIC_MODES.join(', ')}`);
  return c.traffic as Traffic;
}

function hostFields(c: JsonObject): Pick<CoordinatorConfig, 'hostKey' | 'hostName' | 'hostEmail' | 'gate' | 'traffic'> {
  const out: Pick<CoordinatorConfig, 'hostKey' | 'hostName' | 'hostEmail' | 'gate' | 'traffic'> = {};
  if (c.hostKey !== undefined && c.hostKey !== null) out.hostKey = c.hostKey;
  const hostName = optStr(c, 'hostName');
  if (hostName !== undefined) out.hostName = hostName;
  const hostEmail = optStr(c, 'hostEmail');
  if (hostEmail !== undefined) out.hostEmail = hostEmail;
  const gate = parseGate(c.gate);
  if (gate) out.gate = gate;
  const traffic = parseTraffic(c);
  if (traffic) out.traffic = traffic;
  return out;
}

export function parseCoordinatorConfig(v: unknown): CoordinatorConfig {
  const c = obj(v, 'config');
  const grandfathered = c.grandfathered ?? [];
  if (!Array.isArray(grandfathered) || !grandfathered.every((x) => typeof x === 'string')) throw new InputError('config.grandfathered must be an array of strings');
  return { room: str(c, 'room'), ...hostFields(c), lobby: optBool(c, 'lobby') ?? false, locked: optBool(c, 'locked') ?? false, grandfathered: grandfathered as string[] };
}
export function parseParticipantConfig(v: unknown): ParticipantConfig {
  return { token: str(obj(v, 'config'), 'token') };
}
export function parseRoomConfig(v: unknown): RoomConfig {
  const c = obj(v, 'config');
  const out: RoomConfig = { room: str(c, 'room'), token: str(c, 'token'), ...hostFields(c) };
  const lobby = optBool(c, 'lobbyOnStart');
  if (lobby !== undefined) out.lobbyOnStart = lobby;
  return out;
}

function parseLocal(e: JsonObject): LocalOp {
  const op = str(e, 'op');
  switch (op) {
    case 'self': {
      const self: LocalOp = { op, on: bool(e, 'on'), cam: bool(e, 'cam'), name: str(e, 'name'), avatar: str(e, 'avatar'), voiceId: str(e, 'voiceId') };
      if (e.meta !== undefined) self.meta = obj(e.meta, 'meta');
      return self;
    }
    case 'knock':
      return { op, name: str(e, 'name'), avatar: str(e, 'avatar') };
    case 'identity':
      return { op, jwt: str(e, 'jwt') };
    case 'agent':
      return { op, assertion: str(e, 'assertion') };
    case 'credit':
      return { op, credential: str(e, 'credential') };
    case 'lobby':
    case 'lock':
    case 'gate':
      return { op, on: bool(e, 'on') };
    case 'reset':
    case 'close':
      return { op };
    case 'admit':
    case 'deny':
      return { op, conn: str(e, 'conn') };
    case 'kick':
    case 'declare-host':
      return { op, id: str(e, 'id') };
    case 'mod':
      return { op, token: str(e, 'token') };
    default:
      throw new InputError(`unknown local op ${JSON.stringify(op)}`);
  }
}

/** One event object of a step. `msg` and `value` may be any JSON: protocol content, not shape. */
export function parseEvent(v: unknown): PresenceEvent {
  const e = obj(v, 'event');
  const type = str(e, 'type');
  switch (type) {
    case 'connect':
    case 'disconnect':
      return { type, conn: nonEmpty(e, 'conn') };
    case 'message':
      if (!('msg' in e)) throw new InputError('msg is required');
      return { type, conn: nonEmpty(e, 'conn'), msg: e.msg as JsonValue };
    case 'result':
      if (!('value' in e)) throw new InputError('value is required');
      return { type, id: int(e, 'id'), value: e.value as JsonValue };
    case 'frame':
      if (!('msg' in e)) throw new InputError('msg is required');
      return { type, msg: e.msg as JsonValue };
    case 'claimed': {
      const result = str(e, 'result');
      if (result !== 'won' && result !== 'taken' && result !== 'error') throw new InputError('result must be won, taken or error');
      return { type, id: int(e, 'id'), result };
    }
    case 'open':
    case 'closed':
    case 'unavailable':
    case 'displaced':
    case 'tick':
      return { type };
    case 'local':
      return { type, ...parseLocal(e) };
    default:
      throw new InputError(`unknown event type ${JSON.stringify(type)}`);
  }
}

export interface ScriptStep {
  at: number;
  event: PresenceEvent;
}
/** A whole script, validated up front: times are numbers and never go backwards. */
export function parseSteps(v: unknown, start: number): ScriptStep[] {
  if (!Array.isArray(v)) throw new InputError('steps must be an array');
  let last = start;
  return v.map((s, i) => {
    const step = obj(s, `steps[${i}]`);
    const at = int(step, 'at');
    if (at < last) throw new InputError(`steps[${i}].at goes back in time (${at} < ${last})`);
    last = at;
    return { at, event: parseEvent(step.event) };
  });
}
export const isObject = isJsonObject;
