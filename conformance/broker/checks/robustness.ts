// Bad frames must not hurt anyone else [SIG-18], and should not cost the sender its registration
// [SIG-19]: a broker that closes the socket takes the coordinator role with it. These checks run
// alone (`exclusive`), after the others: a broker that falls over on a malformed frame fails
// SIG-18 here, and the checks running beside it are not blamed.
import { randomBytes } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import { isType, type BrokerSocket } from '../socket.ts';
import { connectionId, offerPayload } from './payloads.ts';
import { fail, pass, seen, SetupError, type BrokerCheck, type BrokerEnv } from './types.ts';

/** Frames no honest client sends; `dst` is a live peer where one fits, `nonce` marks this check's. */
const garbage = (dst: string, nonce: string): unknown[] => [
  'not json',
  '{"type":"OFFER",',
  '[1,2,3]',
  'null',
  '42',
  '"OFFER"',
  {},
  { type: 42, dst, nonce },
  { type: 'NOPE', dst, payload: { nonce } },
  { type: 'OFFER', payload: { ...offerPayload(), nonce } }, // no dst
  { type: 'OFFER', dst: 12345, payload: { ...offerPayload(), nonce } },
  { type: 'OFFER', dst: { id: dst }, payload: { ...offerPayload(), nonce } },
  { type: 'OPEN', dst, nonce },
  { type: 'ID-TAKEN', dst, payload: { msg: `forged ${nonce}` } },
  { type: 'ERROR', dst, payload: { msg: `forged ${nonce}` } },
  new Uint8Array([0xff, 0x00, 0x7b, 0x22]),
];

async function sendGarbage(env: BrokerEnv) {
  const sender = await env.register();
  const other = await env.register();
  const nonce = `kbzc${randomBytes(6).toString('hex')}`;
  for (const g of garbage(other.id, nonce)) sender.sock.send(g);
  // Let the broker chew on it before looking at the consequences.
  await new Promise((r) => setTimeout(r, env.timeouts.quietMs));
  return { sender, other, nonce };
}

/** A registration after the garbage: a broker that no longer takes one has been hurt by it [SIG-18]. */
async function registerAfter(env: BrokerEnv): Promise<{ id: string; sock: BrokerSocket } | RawResult> {
  try {
    return await env.register();
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    return fail('SIG-18', `after malformed frames from one peer, the broker no longer registers anyone (it crashed or hung): ${e.message}`);
  }
}

export const robustnessChecks: BrokerCheck[] = [
  {
    id: 'broker.robust.ignores-malformed-frames',
    covers: ['SIG-18'],
    description: 'non-JSON, non-object, unknown-type and dst-less frames are not relayed or answered and harm no other peer; the broker keeps serving',
    exclusive: true,
    async run(env) {
      const { sender, other, nonce } = await sendGarbage(env);
      const mine = (sock: BrokerSocket) => sock.pending().filter((r) => r.text.includes(nonce) || (r.value as { src?: unknown } | undefined)?.src === sender.id);
      const leaked = mine(other.sock);
      if (leaked.length) return fail('SIG-18', 'a malformed frame reached another peer', 'nothing', leaked.map((r) => r.text));
      if (other.sock.closed) return fail('SIG-18', `another peer's socket closed after one peer sent malformed frames: ${seen(other.sock)}`);
      const answered = sender.sock.pending().filter((r) => typeof r.value !== 'object' || r.value === null || (r.value as { src?: unknown }).src === undefined || r.text.includes(nonce));
      if (answered.length) return fail('SIG-18', 'the broker answered malformed frames (PeerJS aborts on ERROR)', 'nothing', answered.map((r) => r.text));
      // The other peer is still registered and reachable, and the broker still takes registrations.
      const caller = await registerAfter(env);
      if ('status' in caller) return caller;
      const cid = connectionId();
      caller.sock.send({ type: 'OFFER', dst: other.id, payload: offerPayload(cid) });
      if (!(await other.sock.take((r) => isType('OFFER')(r) && r.text.includes(cid), env.timeouts.stepMs))) {
        return fail('SIG-18', `after malformed frames from one peer, another registered peer no longer receives frames: ${seen(other.sock)}`);
      }
      return pass();
    },
  },
  {
    id: 'broker.robust.keeps-sender-registered',
    covers: ['SIG-19'],
    description: '(SHOULD) the peer that sent malformed frames keeps its socket and its id',
    exclusive: true,
    deathBreaks: 'SIG-18', // garbage that brings the broker down hurts every other peer too
    async run(env) {
      const { sender } = await sendGarbage(env);
      if (!sender.sock.isOpen) return fail('SIG-19', `the broker closed the socket of a peer that sent malformed frames: ${seen(sender.sock)}`);
      const caller = await registerAfter(env);
      if ('status' in caller) return caller;
      const cid = connectionId();
      caller.sock.send({ type: 'OFFER', dst: sender.id, payload: offerPayload(cid) });
      if (!(await sender.sock.take((r) => isType('OFFER')(r) && r.text.includes(cid), env.timeouts.stepMs))) {
        return fail('SIG-19', `the peer that sent malformed frames lost its registration: ${seen(sender.sock)}`);
      }
      return pass();
    },
  },
];
