// Serves the reference over the adapter protocol: JSON Lines on stdin/stdout, one response per
// request, in order (spec/10-adapter-protocol.md). Nothing but responses goes to stdout.
import { createInterface } from 'node:readline';
import type { JsonValue } from '../encoding/json.ts';
import { runOp } from './ops.ts';
import { REFERENCE_IMPLEMENTATION } from './info.ts';
import { PROFILES } from './profiles.ts';

interface Request {
  cmd?: unknown;
  seq?: unknown;
  op?: unknown;
  input?: JsonValue;
  version?: unknown;
}

const badRequest = (why: string, seq?: unknown) => ({
  ...(typeof seq === 'number' ? { seq } : {}),
  ok: false,
  error: { code: 'adapter.bad-request', message: why }, // [ADP-11]
});

/** The response to one request line, and whether the adapter should exit afterwards. */
export async function answer(line: string): Promise<{ reply: object; stop: boolean }> {
  let msg: Request;
  try {
    msg = JSON.parse(line) as Request;
  } catch {
    return { reply: badRequest('the line is not JSON'), stop: false };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { reply: badRequest('the line is not a JSON object'), stop: false };
  switch (msg.cmd) {
    case 'start':
      if (msg.version !== 1) {
        return { reply: { ok: false, error: { code: 'adapter.unsupported-version', message: `only version 1, not ${JSON.stringify(msg.version)}` } }, stop: false };
      }
      return { reply: { ok: true, implementation: REFERENCE_IMPLEMENTATION, profiles: [...PROFILES] }, stop: false };
    case 'run':
      if (!Number.isInteger(msg.seq) || (msg.seq as number) < 1 || typeof msg.op !== 'string' || typeof msg.input !== 'object' || msg.input === null || Array.isArray(msg.input)) {
        return { reply: badRequest('run needs a positive integer seq, a string op and an object input', msg.seq), stop: false };
      }
      try {
        return { reply: { seq: msg.seq, ...(await runOp(String(msg.op), msg.input)) }, stop: false };
      } catch (e) {
        return { reply: { seq: msg.seq, errored: true, message: e instanceof Error ? e.message : String(e) }, stop: false };
      }
    case 'stop':
      return { reply: { ok: true }, stop: true };
    default:
      return { reply: badRequest(`unknown cmd ${JSON.stringify(msg.cmd)}`, msg.seq), stop: false };
  }
}

export async function serveStdio(): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const { reply, stop } = await answer(line);
    process.stdout.write(JSON.stringify(reply) + '\n');
    if (stop) break;
  }
  rl.close();
}
