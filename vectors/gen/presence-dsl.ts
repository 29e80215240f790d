// Helpers for writing presence scenario vectors: times as offsets from a fixed epoch, events and
// frames in one short call each, host commands signed with a key derived from a label.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { certDer, ecKey, type Case } from './lib.ts';

/** Scenario epoch: 2026-01-01T00:00:00Z, in ms. Host commands are signed at this second. */
export const T0 = 1_767_225_600_000;
export const ROOM = 'standup';
export const host = ecKey('presence host');
export const stranger = ecKey('presence stranger');
export const HOST_FP = fingerprintOfBytes(certDer('alice'));
export const OTHER_FP = fingerprintOfBytes(certDer('bob'));

export type Step = [number, JsonObject];
export const connect = (conn: string): JsonObject => ({ type: 'connect', conn });
export const disconnect = (conn: string): JsonObject => ({ type: 'disconnect', conn });
export const message = (conn: string, msg: JsonValue): JsonObject => ({ type: 'message', conn, msg });
export const result = (id: number, value: JsonValue): JsonObject => ({ type: 'result', id, value });
export const tick: JsonObject = { type: 'tick' };
export const local = (op: string, rest: JsonObject = {}): JsonObject => ({ type: 'local', op, ...rest });
export const frame = (msg: JsonValue): JsonObject => ({ type: 'frame', msg });
export const ev = (type: string, rest: JsonObject = {}): JsonObject => ({ type, ...rest });

/** A `voice` join frame for person `p` (media id v<p>, token t<p>). */
export const join = (p: string, over: JsonObject = {}): JsonObject => ({ t: 'voice', on: true, cam: false, name: p, avatar: '', voiceId: `v${p}`, token: `t${p}`, ...over });
export const leaveCall = (p: string): JsonObject => ({ t: 'voice', on: false, cam: false, name: p, avatar: '', voiceId: `v${p}`, token: `t${p}` });
export const knock = (p: string, over: JsonObject = {}): JsonObject => ({ t: 'knock', name: p, avatar: '', token: `t${p}`, ...over });
export const selfOn = (p: string): JsonObject => local('self', { on: true, cam: false, name: p, avatar: '', voiceId: `v${p}` });
export const selfOff = (p: string): JsonObject => local('self', { on: false, cam: false, name: p, avatar: '', voiceId: `v${p}` });
export const member = (p: string): JsonObject => ({ id: `v${p}`, name: p, cam: false, avatar: '' });
export const roster = (ps: string[], over: JsonObject = {}): JsonObject => ({ t: 'roster', members: ps.map(member), lobby: false, host: '', locked: false, ...over });

/** A host command signed at T0 (seconds), bound to `fp`. */
export function hostCmd(op: string, opts: { target?: string; fp?: string; jti?: string; signer?: typeof host; iat?: number; room?: string } = {}): string {
  const r = signHostCommand({
    privateJwk: (opts.signer ?? host).priv,
    room: opts.room ?? ROOM,
    fp: opts.fp ?? HOST_FP,
    op,
    target: opts.target,
    now: opts.iat ?? Math.floor(T0 / 1000),
    jti: opts.jti ?? `${op.padEnd(8, '0').replace(/[^0-9a-f]/g, 'a').slice(0, 8)}0000000000000001`,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.token;
}

export interface ScenarioOpts {
  config?: JsonObject;
  flags?: string[];
  error?: string;
  comment?: string;
}

/** One `presence.scenario` case; step times are offsets in ms from T0. */
export function scenario(role: string, name: string, description: string, covers: string[], steps: Step[], o: ScenarioOpts = {}): Case {
  return {
    name,
    description,
    covers,
    op: 'presence.scenario',
    flags: o.flags ?? [],
    input: { role, config: o.config ?? {}, start: T0, steps: steps.map(([ms, event]) => ({ at: T0 + ms, event })) },
    ...(o.error ? { error: o.error } : {}),
    ...(o.comment ? { comment: o.comment } : {}),
  };
}

export const coordinatorConfig = (over: JsonObject = {}): JsonObject => ({ room: ROOM, ...over });
export const keyed = (over: JsonObject = {}): JsonObject => coordinatorConfig({ hostKey: host.pub as unknown as JsonValue, ...over });
