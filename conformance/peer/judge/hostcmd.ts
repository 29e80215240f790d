// Host commands on a live connection: the harness signs the ones its observers send (with its own
// test keys and payload model), and judges the ones an implementation signs against what the
// observer saw on the wire: the certificate the signer presented, the room, the clock.
import { randomBytes } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import { TestKey, verifyToken } from '../../oracles/es256.ts';
import { commandPayload, TARGET_OPS } from '../../oracles/hostcmd.ts';
import { fail } from '../checks/common.ts';

let keys: { host: TestKey; stranger: TestKey } | null = null;
/** The committed host key of the peer-mode rooms, and a key nobody committed. */
export function testKeys(): { host: TestKey; stranger: TestKey } {
  keys ??= { host: new TestKey('peer-mode host'), stranger: new TestKey('peer-mode stranger') };
  return keys;
}

/** A fresh command signed by `key`, bound to `fp`, issued now. */
export function signCommand(key: TestKey, c: { room: string; fp: string; op: string; target?: string }): string {
  const payload = commandPayload({ ...c, iat: Math.floor(Date.now() / 1000), jti: randomBytes(12).toString('hex') });
  return key.signJson(JSON.stringify(payload));
}

const TOKEN_STEP_REQ: Record<string, string> = { key: 'TOK-05', structure: 'TOK-01', encoding: 'TOK-01', 'signature-form': 'TOK-03', signature: 'TOK-02', payload: 'TOK-01' };

/** Null when `token` is the command an honest signer with that certificate sends now; else the failure. */
export function judgeSignedCommand(token: string, want: { hostPublic: unknown; room: string; fp: string; op: string; target?: string }): RawResult | null {
  const v = verifyToken(token, want.hostPublic);
  if (!v.ok) return fail(TOKEN_STEP_REQ[v.step] ?? 'TOK-06', `the command the implementation signed does not verify with the host key: ${v.message}`, { actual: token.slice(0, 120) });
  const p = v.payload;
  const order = ['k', 'room', 'fp', 'op', ...(TARGET_OPS.includes(want.op) ? ['target'] : []), 'iat', 'jti'];
  if (p.k !== 'kbz-host-cmd.v1') return fail('HCMD-02', 'the command payload has the wrong kind', { expected: 'kbz-host-cmd.v1', actual: p.k });
  if (p.room !== want.room) return fail('HCMD-07', 'the command names another room than the room id (ROOM-01)', { expected: want.room, actual: p.room });
  if (p.fp !== want.fp) return fail('HCMD-07', 'the command is not bound to the certificate the signer presented on its presence connection', { expected: want.fp, actual: p.fp });
  if (p.op !== want.op) return fail('HCMD-04', 'the command carries another op than the one asked for', { expected: want.op, actual: p.op });
  if (TARGET_OPS.includes(want.op) ? p.target !== want.target : 'target' in p) return fail('HCMD-05', `the command's target is wrong for op ${want.op}`, { expected: want.target ?? '(absent)', actual: p.target ?? '(absent)' });
  const now = Date.now() / 1000;
  if (typeof p.iat !== 'number' || !Number.isInteger(p.iat) || Math.abs(p.iat - now) > 30) return fail('HCMD-07', 'iat is not the signer\'s clock at signing time, in integer seconds', { expected: Math.floor(now), actual: p.iat });
  if (typeof p.jti !== 'string' || !/^[0-9a-f]{24}$/.test(p.jti)) return fail('HCMD-06', 'jti is not 24 lower-case hex characters', { actual: p.jti });
  if (JSON.stringify(Object.keys(p)) !== JSON.stringify(order)) return fail('HCMD-03', 'the payload members are not in the order of chapter 4', { expected: order, actual: Object.keys(p) });
  return null;
}
