// `kibitz-reference --peer`: the reference as a live peer behind the peer-mode control protocol
// (spec/10-adapter-protocol.md, "Peer mode"): the adapter framing of 10.1-10.2, profile `peer`.
// Requests are answered one at a time, in order [ADP-02]; between them the peers keep running on
// the network. Nothing but response lines goes to stdout [ADP-01].
import { createInterface } from 'node:readline';
import type { JsonObject } from '../encoding/json.ts';
import { InputError } from '../adapter/input.ts';
import { REFERENCE_IMPLEMENTATION } from '../adapter/info.ts';
import { shutdownWebRtc } from '../transport/peerjs/environment.ts';
import type { PeerHooks } from './hooks.ts';
import { NODE_PLATFORM } from './node.ts';
import { makePeerOps, type PeerPlatform } from './ops.ts';

export const PEER_PROFILE = 'peer';

/** [ADP-11] The answer carries the request's `seq` member unchanged, whatever its value, when it has one. */
const badRequest = (why: string, request?: object) => ({
  ...(request && 'seq' in request ? { seq: (request as { seq: unknown }).seq } : {}),
  ok: false,
  error: { code: 'adapter.bad-request', message: why }, // [ADP-11]
});

export async function servePeerStdio(hooks: PeerHooks = {}, platform: PeerPlatform = NODE_PLATFORM): Promise<void> {
  const { ops, closeAll } = makePeerOps(platform, hooks);
  const implementation = { ...REFERENCE_IMPLEMENTATION, ...(hooks.name ? { name: hooks.name } : {}) };

  const answer = async (line: string): Promise<{ reply: object; stop: boolean }> => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { reply: badRequest('the line is not JSON'), stop: false };
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { reply: badRequest('the line is not a JSON object'), stop: false };
    switch (msg.cmd) {
      case 'start':
        if (msg.version !== 1) return { reply: { ok: false, error: { code: 'adapter.unsupported-version', message: `only version 1, not ${JSON.stringify(msg.version)}` } }, stop: false };
        return { reply: { ok: true, implementation, profiles: [PEER_PROFILE] }, stop: false };
      case 'run': {
        const { seq, op, input } = msg;
        if (!Number.isInteger(seq) || (seq as number) < 1 || typeof op !== 'string' || typeof input !== 'object' || input === null || Array.isArray(input)) {
          return { reply: badRequest('run needs a positive integer seq, a string op and an object input', msg), stop: false };
        }
        const handler = ops[op];
        if (!handler) return { reply: { seq, unsupported: true }, stop: false }; // [ADP-07]
        try {
          return { reply: { seq, ...(await handler(input as JsonObject)) }, stop: false };
        } catch (e) {
          if (e instanceof InputError) return { reply: { seq, ok: false, error: { code: 'input.invalid', message: e.message } }, stop: false };
          return { reply: { seq, errored: true, message: e instanceof Error ? e.message : String(e) }, stop: false };
        }
      }
      case 'stop':
        return { reply: { ok: true }, stop: true };
      default:
        return { reply: badRequest(`unknown cmd ${JSON.stringify(msg.cmd)}`, msg), stop: false };
    }
  };

  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const { reply, stop } = await answer(line);
    process.stdout.write(JSON.stringify(reply) + '\n');
    if (stop) break;
  }
  rl.close();
  // Leave every room before exiting [ADP-44]; the harness allows 2 s [ADP-10].
  await Promise.race([closeAll(), new Promise((r) => setTimeout(r, 1000))]);
  shutdownWebRtc();
  process.exit(0);
}
