// Liveness and release [SIG-16, SIG-17]: HEARTBEAT is swallowed, a registration that spoke
// recently is kept, and an id is free again as soon as its socket is gone. The room loop depends
// on the last: a survivor re-claims the authority id right after the coordinator's socket closes.
import { isType, typeOf, type Received } from '../socket.ts';
import { connectionId, offerPayload } from './payloads.ts';
import { fail, pass, relayed, seen, SPEC_BOUNDS, type BrokerCheck, type BrokerEnv } from './types.ts';
import type { RawResult } from '../../checks/types.ts';

/** A frame that can only be the broker's own doing for `id`: no src (an answer) or src `id` (an echo or relay). */
const about = (id: string) => (r: Received): boolean => {
  const src = typeof r.value === 'object' && r.value !== null ? (r.value as { src?: unknown }).src : undefined;
  return src === undefined || src === id;
};

/** Grace for a broker to process a close it has already acknowledged ("at once", SIG-17). */
const RELEASE_GRACE_MS = 1500;
const RETRY_EVERY_MS = 200;

async function reRegisterAfter(env: BrokerEnv, how: 'close' | 'drop'): Promise<RawResult> {
  const first = await env.register(env.newId('kbz-v1-release'));
  if (how === 'close') await first.sock.close();
  else {
    first.sock.terminate();
    await first.sock.waitClosed(env.timeouts.stepMs);
  }
  const t0 = performance.now();
  let last = '';
  for (;;) {
    const next = env.socket({ key: env.endpoint.key, id: first.id, token: env.newToken() });
    const got = await next.take((r) => typeOf(r) === 'OPEN' || typeOf(r) === 'ID-TAKEN' || typeOf(r) === 'ERROR', env.timeouts.registerMs);
    if (got && isType('OPEN')(got)) return pass(`re-registered after ${Math.round(performance.now() - t0)} ms`);
    last = seen(next);
    await next.close();
    if (!got || typeOf(got) !== 'ID-TAKEN' || performance.now() - t0 > RELEASE_GRACE_MS) break;
    await new Promise((r) => setTimeout(r, RETRY_EVERY_MS));
  }
  const verb = how === 'close' ? 'closed its socket' : 'dropped its connection';
  return fail('SIG-17', `the id was still held ${RELEASE_GRACE_MS} ms after its peer ${verb}: a new registration got ${last}`, 'OPEN');
}

export const lifecycleChecks: BrokerCheck[] = [
  {
    id: 'broker.lifecycle.heartbeat-is-silent',
    covers: ['SIG-16'],
    description: 'HEARTBEAT is neither relayed nor answered, and the registration stays usable',
    async run(env) {
      const a = await env.register();
      const b = await env.register();
      a.sock.send({ type: 'HEARTBEAT' });
      a.sock.send({ type: 'HEARTBEAT', dst: b.id });
      const echoed = await a.sock.take(about(a.id), env.timeouts.quietMs);
      if (echoed) return fail('SIG-16', 'the broker answered a HEARTBEAT', 'nothing', echoed.text);
      const passed = await b.sock.take((r) => typeOf(r) === 'HEARTBEAT' || about(a.id)(r), env.timeouts.quietMs);
      if (passed) return fail('SIG-16', 'the broker relayed a HEARTBEAT to its dst', 'nothing', passed.text);
      const c = await env.register();
      c.sock.send({ type: 'OFFER', dst: a.id, payload: offerPayload() });
      if (!(await a.sock.take(relayed('OFFER', c.id), env.timeouts.stepMs))) return fail('SIG-16', `after heartbeats the peer no longer receives frames: ${seen(a.sock)}`);
      return pass();
    },
  },
  {
    id: 'broker.lifecycle.keeps-quiet-registration',
    covers: ['SIG-16'],
    description: 'a registration whose socket sent a frame a few seconds ago is kept: still open and still reachable (the bound is 15 s)',
    async run(env) {
      const window = Math.min(env.timeouts.aliveMs, SPEC_BOUNDS.aliveMs - 1000);
      const a = await env.register();
      a.sock.send({ type: 'HEARTBEAT' });
      await new Promise((r) => setTimeout(r, window));
      if (!a.sock.isOpen) return fail('SIG-16', `the broker dropped a registration whose socket sent a HEARTBEAT ${window} ms before: ${seen(a.sock)}`, `kept for ${SPEC_BOUNDS.aliveMs} ms`);
      const c = await env.register();
      const cid = connectionId();
      c.sock.send({ type: 'OFFER', dst: a.id, payload: offerPayload(cid) });
      if (!(await a.sock.take((r) => isType('OFFER')(r) && r.text.includes(cid), env.timeouts.stepMs))) {
        return fail('SIG-16', `a registration silent for ${window} ms no longer receives frames: ${seen(a.sock)}`, `kept for ${SPEC_BOUNDS.aliveMs} ms`);
      }
      return pass(`kept after ${window} ms of silence (SIG-16 requires 15000 ms; --alive-window sets how long the suite waits)`);
    },
  },
  {
    id: 'broker.lifecycle.releases-id-on-close',
    covers: ['SIG-17'],
    description: 'after a registered socket closes, the same id registers again with a new token (OPEN)',
    run: (env) => reRegisterAfter(env, 'close'),
  },
  {
    id: 'broker.lifecycle.releases-id-on-dropped-connection',
    covers: ['SIG-17'],
    description: 'after a registered peer drops its TCP connection without a close handshake, the id registers again',
    run: (env) => reRegisterAfter(env, 'drop'),
  },
];
