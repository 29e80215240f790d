// The cast of the coordinator properties: a few people with fixed tokens, media ids and
// certificate fingerprints, and host commands signed for them by the harness's own signer
// (conformance/oracles/). Every verdict comes from the model and the implementation's outputs.
import type { JsonObject, JsonValue } from '../../lib/json.ts';
import { TestKey } from '../../oracles/es256.ts';
import { commandPayload } from '../../oracles/hostcmd.ts';

export const PEOPLE = ['a', 'b', 'c', 'd'] as const;
export type Person = (typeof PEOPLE)[number];
export const token = (p: Person): string => `tok-${p}`;
export const voiceId = (p: Person): string => `media-${p}`;
export const fingerprint = (p: Person): string => `fp:${p}`;
export const ROOM = 'standup';
export const T0 = 1_767_225_600_000;

const HOST = new TestKey('presence host');
const STRANGER = new TestKey('presence stranger');
/** The host's public JWK (a function: deriving it is kept off import). */
export const hostPublic = (): JsonValue => HOST.publicJwk as unknown as JsonValue;

export type Flaw = 'none' | 'stranger-key' | 'unbound' | 'unreadable' | 'stale' | 'wrong-room' | 'replay' | 'oversize';
export const FLAWS: readonly Flaw[] = ['none', 'stranger-key', 'unbound', 'unreadable', 'stale', 'wrong-room', 'replay', 'oversize'];

let serial = 0;
/** A host command from `sender` signed at `nowMs`; `flaw` says how it is broken, if at all. */
export function hostCommand(sender: Person, op: string, target: string | undefined, nowMs: number, flaw: Flaw): string {
  if (flaw === 'oversize') return 'x'.repeat(8193);
  const key = flaw === 'stranger-key' ? STRANGER : HOST;
  const payload = commandPayload({
    room: flaw === 'wrong-room' ? 'another-room' : ROOM,
    fp: fingerprint(sender),
    op,
    ...(target !== undefined ? { target } : {}),
    iat: Math.floor(nowMs / 1000) - (flaw === 'stale' ? 200 : 0),
    jti: (++serial).toString(16).padStart(24, '0'),
  });
  return key.signJson(JSON.stringify(payload));
}

export const voiceFrame = (p: Person, on = true): JsonObject => ({ t: 'voice', on, cam: false, name: p.toUpperCase(), avatar: '', voiceId: voiceId(p), token: token(p) });
export const knockFrame = (p: Person): JsonObject => ({ t: 'knock', name: p.toUpperCase(), avatar: '', token: token(p) });
