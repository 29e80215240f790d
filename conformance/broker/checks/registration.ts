// Registration: OPEN for a good registration, ID-TAKEN for a duplicate, an explicit refusal for
// anything else, and an answer in time [SIG-01..SIG-06], [SIG-28]. The duplicate rule is the one the
// coordinator election rests on.
import { isType, typeOf, type BrokerSocket } from '../socket.ts';
import { offerPayload } from './payloads.ts';
import { fail, malformed, pass, relayed, seen, SPEC_BOUNDS, type BrokerCheck, type BrokerEnv } from './types.ts';

/** The first frame on a new socket, waiting as long as SIG-28 allows (or the suite's shorter bound). */
const firstFrame = (env: BrokerEnv, sock: BrokerSocket) => sock.takeNext(Math.min(env.timeouts.registerMs, SPEC_BOUNDS.registerMs));

export const registrationChecks: BrokerCheck[] = [
  {
    id: 'broker.open.accepts-valid-id',
    covers: ['SIG-04', 'SIG-01', 'SIG-28'],
    description: 'a registration on <path>peerjs?key&id&token gets {"type":"OPEN"} as its first frame, within 8000 ms',
    async run(env) {
      const sock = env.socket({ key: env.endpoint.key, id: env.newId(), token: env.newToken() });
      const first = await firstFrame(env, sock);
      if (!first) {
        if (sock.closed) return fail('SIG-04', `the broker closed the socket without a frame: ${seen(sock)}`, 'OPEN');
        return fail('SIG-28', `no answer to a registration within ${env.timeouts.registerMs} ms: ${seen(sock)}`, 'OPEN');
      }
      if (!isType('OPEN')(first)) return fail('SIG-04', 'the first frame is not OPEN', { type: 'OPEN' }, first.text);
      return malformed(first, 'SIG-04') ?? pass();
    },
  },
  {
    id: 'broker.open.ignores-unknown-params',
    covers: ['SIG-02'],
    description: 'query parameters the broker does not know (PeerJS sends version=) do not stop a registration',
    async run(env) {
      const sock = env.socket({ key: env.endpoint.key, id: env.newId(), token: env.newToken(), version: '1.5.5', 'x-kbz-probe': '1' });
      const open = await sock.take(isType('OPEN'), env.timeouts.registerMs);
      if (!open) return fail('SIG-02', `registration with extra parameters was not accepted: ${seen(sock)}`, 'OPEN');
      return pass();
    },
  },
  {
    id: 'broker.open.accepts-id-syntax',
    covers: ['SIG-02', 'SIG-03'],
    description: 'ids of the SIG-03 syntax are accepted: authority ids (kbz-v1-...), "_" and " " separators, 64 characters',
    async run(env) {
      const suffix = env.newId('x').slice(2);
      const ids = [
        `kbz-v1-room-${suffix}`.slice(0, 47), // the longest authority peer id a room can have
        `Kbz_${suffix} two`,
        `${suffix}${'0'.repeat(64)}`.slice(0, 64),
      ];
      for (const id of ids) {
        const sock = env.socket({ key: env.endpoint.key, id, token: env.newToken() });
        const open = await sock.take(isType('OPEN'), env.timeouts.registerMs);
        if (!open) return fail('SIG-02', `id ${JSON.stringify(id)} was not accepted: ${seen(sock)}`, 'OPEN');
        await sock.close();
      }
      return pass();
    },
  },
  {
    id: 'broker.open.rejects-duplicate-id',
    covers: ['SIG-05'],
    description: 'a second registration of a registered id with another token gets ID-TAKEN and the first keeps the id',
    async run(env) {
      const holder = await env.register();
      const intruder = env.socket({ key: env.endpoint.key, id: holder.id, token: env.newToken() });
      const first = await firstFrame(env, intruder);
      if (!first) return fail('SIG-05', `the duplicate registration got no answer: ${seen(intruder)}`, 'ID-TAKEN');
      if (isType('OPEN')(first)) return fail('SIG-05', 'the broker accepted a second registration of a registered id (two coordinators possible)', 'ID-TAKEN', 'OPEN');
      if (!isType('ID-TAKEN')(first)) return fail('SIG-05', 'the duplicate registration was not answered with ID-TAKEN', 'ID-TAKEN', first.text);
      const bad = malformed(first, 'SIG-05');
      if (bad) return bad;
      if (!(await intruder.waitClosed(env.timeouts.stepMs))) return fail('SIG-05', 'the broker sent ID-TAKEN but kept the refused socket open');
      // The original holder must be untouched: still open and still reachable under its id.
      const caller = await env.register();
      caller.sock.send({ type: 'OFFER', dst: holder.id, payload: offerPayload() });
      const got = await holder.sock.take(relayed('OFFER', caller.id), env.timeouts.stepMs);
      if (!got) return fail('SIG-05', `after refusing the duplicate, the first registration no longer receives frames: ${seen(holder.sock)}`);
      return pass();
    },
  },
  {
    id: 'broker.open.refusal-is-explicit',
    covers: ['SIG-06', 'SIG-28'],
    description: 'a refused registration (missing token, id or key; unknown key) is answered with ERROR or INVALID-KEY within 8000 ms, never silence',
    async run(env) {
      const id = env.newId();
      const cases: [string, Record<string, string>][] = [
        ['no token', { key: env.endpoint.key, id }],
        ['no id', { key: env.endpoint.key, token: env.newToken() }],
        ['no key', { id: env.newId(), token: env.newToken() }],
        ['an unknown key', { key: `kbzc-wrong-${env.newToken()}`, id: env.newId(), token: env.newToken() }],
      ];
      const notes: string[] = [];
      // The four attempts at once: a broker that answers late costs the bound once, not four times.
      const socks = cases.map(([, params]) => env.socket(params));
      const firsts = await Promise.all(socks.map((s) => firstFrame(env, s)));
      for (const [i, [what]] of cases.entries()) {
        const sock = socks[i]!;
        const first = firsts[i];
        if (!first) {
          if (sock.closed) return fail('SIG-06', `a registration with ${what}: the broker closed the socket without a frame (${seen(sock)})`, 'ERROR {msg} or INVALID-KEY');
          return fail('SIG-28', `a registration with ${what}: no answer within ${env.timeouts.registerMs} ms (${seen(sock)})`, 'ERROR {msg} or INVALID-KEY');
        }
        const type = typeOf(first);
        if (type === 'OPEN') {
          notes.push(`accepted a registration with ${what}`); // allowed: SIG-06 is about refusals
        } else if (type === 'ERROR' || type === 'INVALID-KEY') {
          const bad = malformed(first, 'SIG-06');
          if (bad) return bad;
        } else {
          return fail('SIG-06', `a registration with ${what} was answered with something other than OPEN, ERROR or INVALID-KEY`, 'ERROR {msg}', first.text);
        }
      }
      return pass(notes.length ? notes.join('; ') : undefined);
    },
  },
];
