// Relaying OFFER / ANSWER / CANDIDATE between registered ids, with src written by the broker, and
// EXPIRE for a destination nobody holds, in time [SIG-08, SIG-09, SIG-11, SIG-12].
import type { RawResult } from '../../checks/types.ts';
import { isType, type BrokerSocket } from '../socket.ts';
import { answerPayload, candidatePayload, connectionId, jsonEqual, offerPayload } from './payloads.ts';
import { expireFor, fail, malformed, pass, seen, SPEC_BOUNDS, type BrokerCheck, type BrokerEnv } from './types.ts';

type RelayType = 'OFFER' | 'ANSWER' | 'CANDIDATE';

/** Time a broker gets to notice a socket close before the suite relies on it, ms. */
const CLOSE_GRACE_MS = 500;

/** Nothing carrying `nonce` reaches `sock` during the quiet window. */
async function staysQuiet(env: BrokerEnv, sock: BrokerSocket, nonce: string): Promise<boolean> {
  return (await sock.take((r) => r.text.includes(nonce), env.timeouts.quietMs)) === undefined;
}

/** Relays `type` from a to b. The payload's connectionId is this check's nonce: no other check sends it. */
async function relayOnce(env: BrokerEnv, type: RelayType, make: (cid: string) => object): Promise<RawResult> {
  const a = await env.register();
  const b = await env.register();
  const bystander = await env.register();
  const cid = connectionId();
  const payload = make(cid);
  a.sock.send({ type, dst: b.id, payload });
  const got = await b.sock.take((r) => isType(type)(r) && r.text.includes(cid), env.timeouts.stepMs);
  if (!got) return fail('SIG-08', `${type} from a registered peer did not reach its dst within ${env.timeouts.stepMs} ms: ${seen(b.sock)}`);
  const frame = got.value as Record<string, unknown>;
  if (frame.src !== a.id) return fail('SIG-09', `the relayed ${type} does not name the sender in src`, a.id, frame.src);
  if (frame.dst !== b.id) return fail('SIG-08', `the relayed ${type} lost its dst`, b.id, frame.dst);
  if (!jsonEqual(frame.payload, payload)) return fail('SIG-08', `the relayed ${type} payload differs from what was sent`, payload, frame.payload);
  const bad = malformed(got, 'SIG-08');
  if (bad) return bad;
  if (!(await staysQuiet(env, bystander.sock, cid))) return fail('SIG-08', `the ${type} was also delivered to a third peer`);
  if (!(await staysQuiet(env, a.sock, cid))) return fail('SIG-08', `the ${type} was echoed back to its sender`);
  return pass();
}

/** Waits for EXPIRE naming `dst` on `sock`, and judges it against the SIG-11 bound from `t0`. */
async function expectExpire(env: BrokerEnv, sock: BrokerSocket, dst: string, t0: number, why: string): Promise<RawResult> {
  const got = await sock.take(expireFor(dst), env.timeouts.expireMs);
  const after = Math.round(performance.now() - t0);
  if (!got) return fail('SIG-11', `no EXPIRE naming ${dst} within ${env.timeouts.expireMs} ms for a frame to ${why}: ${seen(sock)}`, { type: 'EXPIRE', src: dst });
  const bad = malformed(got, 'SIG-11');
  if (bad) return bad;
  if (after > SPEC_BOUNDS.expireMs) return fail('SIG-11', `EXPIRE came ${after} ms after the frame, later than the 15000 ms SIG-11 allows`, `≤ ${SPEC_BOUNDS.expireMs} ms`, `${after} ms`);
  return pass(`EXPIRE after ${after} ms`);
}

export const relayChecks: BrokerCheck[] = [
  {
    id: 'broker.relay.offer',
    covers: ['SIG-08', 'SIG-09'],
    description: 'an OFFER reaches exactly its dst, as {type, src, dst, payload} with the payload unchanged',
    run: (env) => relayOnce(env, 'OFFER', (cid) => offerPayload(cid)),
  },
  {
    id: 'broker.relay.answer',
    covers: ['SIG-08', 'SIG-09'],
    description: 'an ANSWER reaches exactly its dst, with the payload unchanged',
    run: (env) => relayOnce(env, 'ANSWER', (cid) => answerPayload(cid)),
  },
  {
    id: 'broker.relay.candidate',
    covers: ['SIG-08', 'SIG-09'],
    description: 'a CANDIDATE reaches exactly its dst, with the payload unchanged',
    run: (env) => relayOnce(env, 'CANDIDATE', (cid) => candidatePayload(1, cid)),
  },
  {
    id: 'broker.relay.keeps-order',
    covers: ['SIG-08'],
    description: '40 CANDIDATE frames from one sender to one destination arrive complete and in order',
    async run(env) {
      const a = await env.register();
      const b = await env.register();
      const cid = connectionId();
      const N = 40;
      for (let i = 0; i < N; i++) a.sock.send({ type: 'CANDIDATE', dst: b.id, payload: candidatePayload(i, cid) });
      const order: number[] = [];
      for (let i = 0; i < N; i++) {
        const got = await b.sock.take((r) => isType('CANDIDATE')(r) && r.text.includes(cid), env.timeouts.stepMs);
        if (!got) return fail('SIG-08', `only ${order.length} of ${N} CANDIDATE frames arrived`, N, order.length);
        const line = ((got.value as { payload?: { candidate?: { candidate?: unknown } } }).payload?.candidate?.candidate ?? '') as string;
        order.push(Number(/^candidate:(\d+) /.exec(String(line))?.[1] ?? -1));
      }
      const expected = Array.from({ length: N }, (_, i) => i);
      return jsonEqual(order, expected) ? pass() : fail('SIG-08', 'frames from one sender to one destination arrived out of order', expected, order);
    },
  },
  {
    id: 'broker.relay.overwrites-src',
    covers: ['SIG-09'],
    description: 'a src written by the sender (naming another registered peer, or not a string) is replaced by the sender\'s id',
    async run(env) {
      const a = await env.register();
      const b = await env.register();
      const victim = await env.register();
      for (const forged of [victim.id, 42]) {
        const cid = connectionId();
        a.sock.send({ type: 'OFFER', src: forged, dst: b.id, payload: offerPayload(cid) });
        const got = await b.sock.take((r) => isType('OFFER')(r) && r.text.includes(cid), env.timeouts.stepMs);
        if (!got) return fail('SIG-08', `an OFFER carrying a src of its own was not relayed: ${seen(b.sock)}`);
        const src = (got.value as { src?: unknown }).src;
        if (src !== a.id) {
          return fail('SIG-09', `the broker relayed the sender's own src (${JSON.stringify(forged)}) instead of its registered id: one peer can pose as another`, a.id, src);
        }
      }
      return pass();
    },
  },
  {
    id: 'broker.relay.expire-unregistered',
    covers: ['SIG-11'],
    description: 'an OFFER to an id nobody registered is answered with EXPIRE whose src is that id (PeerJS peer-unavailable), within 15 s',
    async run(env) {
      const a = await env.register();
      const nobody = env.newId('kbz-v1-gone');
      const t0 = performance.now();
      a.sock.send({ type: 'OFFER', dst: nobody, payload: offerPayload() });
      return expectExpire(env, a.sock, nobody, t0, 'an unregistered id');
    },
  },
  {
    id: 'broker.relay.expire-after-release',
    covers: ['SIG-11', 'SIG-17'],
    description: 'an OFFER to an id whose socket has closed is answered with EXPIRE within 15 s (how a participant learns the coordinator left)',
    async run(env) {
      const a = await env.register();
      const gone = await env.register(env.newId('kbz-v1-left'));
      await gone.sock.close();
      // Our side of the close can complete before the broker has processed it, and a frame sent
      // into that gap may be lost without EXPIRE (the stock server loses it, 9.8): a second frame
      // follows CLOSE_GRACE_MS later, so at least one arrives after the release.
      const t0 = performance.now();
      a.sock.send({ type: 'OFFER', dst: gone.id, payload: offerPayload() });
      const again = setTimeout(() => a.sock.send({ type: 'OFFER', dst: gone.id, payload: offerPayload() }), CLOSE_GRACE_MS);
      try {
        return await expectExpire(env, a.sock, gone.id, t0, 'an id whose socket closed');
      } finally {
        clearTimeout(again);
      }
    },
  },
  {
    id: 'broker.relay.holds-for-late-destination',
    covers: ['SIG-12'],
    description: '(MAY) an OFFER sent just before its destination registers is delivered once it does',
    async run(env) {
      const a = await env.register();
      const late = env.newId();
      const cid = connectionId();
      a.sock.send({ type: 'OFFER', dst: late, payload: offerPayload(cid) });
      await new Promise((r) => setTimeout(r, 200));
      const b = await env.register(late);
      const got = await b.sock.take((r) => isType('OFFER')(r) && r.text.includes(cid), env.timeouts.stepMs);
      return got ? pass() : fail('SIG-12', 'a frame sent 200 ms before its destination registered was dropped (allowed, but the stock server delivers it)');
    },
  },
];
