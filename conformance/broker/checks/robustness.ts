// Bad frames must not hurt anyone else [SIG-18], and should not cost the sender its registration
// [SIG-19]: a broker that closes the socket takes the coordinator role with it.
import { offerPayload } from './payloads.ts';
import { isType } from '../socket.ts';
import { fail, pass, seen, type BrokerCheck, type BrokerEnv } from './types.ts';

/** Frames no honest client sends; `dst` is filled in with a live peer where one fits. */
const garbage = (dst: string): unknown[] => [
  'not json',
  '{"type":"OFFER",',
  '[1,2,3]',
  'null',
  '42',
  '"OFFER"',
  {},
  { type: 42, dst },
  { type: 'NOPE', dst, payload: {} },
  { type: 'OFFER', payload: offerPayload() }, // no dst
  { type: 'OFFER', dst: 12345, payload: offerPayload() },
  { type: 'OFFER', dst: { id: dst }, payload: offerPayload() },
  { type: 'OPEN', dst },
  { type: 'ID-TAKEN', dst, payload: { msg: 'forged' } },
  { type: 'ERROR', dst, payload: { msg: 'forged' } },
  new Uint8Array([0xff, 0x00, 0x7b, 0x22]),
];

async function sendGarbage(env: BrokerEnv) {
  const sender = await env.register();
  const other = await env.register();
  for (const g of garbage(other.id)) sender.sock.send(g);
  // Let the broker chew on it before looking at the consequences.
  await new Promise((r) => setTimeout(r, env.timeouts.quietMs));
  return { sender, other };
}

export const robustnessChecks: BrokerCheck[] = [
  {
    id: 'broker.robust.ignores-malformed-frames',
    covers: ['SIG-18'],
    description: 'non-JSON, non-object, unknown-type and dst-less frames are not relayed or answered and harm no other peer',
    async run(env) {
      const { sender, other } = await sendGarbage(env);
      const leaked = other.sock.pending();
      if (leaked.length) return fail('SIG-18', 'a malformed frame reached another peer', 'nothing', leaked.map((r) => r.text));
      const answered = sender.sock.pending();
      if (answered.length) return fail('SIG-18', 'the broker answered malformed frames (PeerJS aborts on ERROR)', 'nothing', answered.map((r) => r.text));
      // The other peer is still registered and reachable, and the broker still takes registrations.
      const caller = await env.register();
      caller.sock.send({ type: 'OFFER', dst: other.id, payload: offerPayload() });
      if (!(await other.sock.take(isType('OFFER'), env.timeouts.stepMs))) {
        return fail('SIG-18', `after malformed frames from one peer, another registered peer no longer receives frames: ${seen(other.sock)}`);
      }
      return pass();
    },
  },
  {
    id: 'broker.robust.keeps-sender-registered',
    covers: ['SIG-19'],
    description: '(SHOULD) the peer that sent malformed frames keeps its socket and its id',
    async run(env) {
      const { sender } = await sendGarbage(env);
      if (!sender.sock.isOpen) return fail('SIG-19', `the broker closed the socket of a peer that sent malformed frames: ${seen(sender.sock)}`);
      const caller = await env.register();
      caller.sock.send({ type: 'OFFER', dst: sender.id, payload: offerPayload() });
      if (!(await sender.sock.take(isType('OFFER'), env.timeouts.stepMs))) {
        return fail('SIG-19', `the peer that sent malformed frames lost its registration: ${seen(sender.sock)}`);
      }
      return pass();
    },
  },
];
