// Liveness and release [SIG-16, SIG-17]: HEARTBEAT is swallowed, and an id is free again as soon
// as its socket is gone. The room loop depends on the second: a survivor re-claims the authority
// id right after the coordinator's socket closes.
import { isType, typeOf } from '../socket.ts';
import { offerPayload } from './payloads.ts';
import { fail, pass, seen, type BrokerCheck, type BrokerEnv } from './types.ts';
import type { RawResult } from '../../checks/types.ts';

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
    const got = await next.takeNext(env.timeouts.stepMs);
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
      const echoed = await a.sock.takeNext(env.timeouts.quietMs);
      if (echoed) return fail('SIG-16', 'the broker answered a HEARTBEAT', 'nothing', echoed.text);
      const relayed = await b.sock.takeNext(env.timeouts.quietMs);
      if (relayed) return fail('SIG-16', 'the broker relayed a HEARTBEAT to its dst', 'nothing', relayed.text);
      const c = await env.register();
      c.sock.send({ type: 'OFFER', dst: a.id, payload: offerPayload() });
      if (!(await a.sock.take(isType('OFFER'), env.timeouts.stepMs))) return fail('SIG-16', `after heartbeats the peer no longer receives frames: ${seen(a.sock)}`);
      return pass();
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
