// Host command payloads as spec/04-host-commands.md lays them out (HCMD-02..HCMD-07), for the
// harness to sign inputs and to check what an implementation signed.
import type { JsonObject } from '../lib/json.ts';
import { canonicalFp } from './fingerprint.ts';

export const HOST_CMD_KIND = 'kbz-host-cmd.v1';
export const HOST_OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
export const TARGET_OPS: readonly string[] = ['kick', 'admit', 'deny'];

/** Members in table order: k, room, fp, op, target (only when given), iat, jti (only when given). */
export function commandPayload(c: { room: string; fp: string; op: string; target?: string; iat: number; jti?: string }): JsonObject {
  const p: JsonObject = { k: HOST_CMD_KIND, room: c.room, fp: canonicalFp(c.fp), op: c.op };
  if (c.target) p.target = c.target;
  p.iat = c.iat;
  if (c.jti !== undefined) p.jti = c.jti;
  return p;
}
