// The id service [SIG-07]: participants' presence and media peers get their ids from
// GET <path><key>/id, and upstream probes it to decide whether a broker is up.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { idServiceUrl } from '../endpoint.ts';
import { isType } from '../socket.ts';
import { fail, pass, seen, type BrokerCheck } from './types.ts';

const ID_SYNTAX = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/; // SIG-03
const MAX_BODY = 4096;

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One GET without connection pooling (no idle sockets left behind); never throws. */
export function fetchText(url: string, timeoutMs: number): Promise<HttpAnswer | { error: string }> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    let done = false;
    const finish = (v: HttpAnswer | { error: string }) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    try {
      const req = get(url, { agent: false, timeout: timeoutMs }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < MAX_BODY) body += c;
        });
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: body.slice(0, MAX_BODY) }));
        res.on('error', (e) => finish({ error: e.message }));
      });
      req.on('timeout', () => {
        req.destroy();
        finish({ error: `no answer within ${timeoutMs} ms` });
      });
      req.on('error', (e) => finish({ error: e.message }));
    } catch (e) {
      finish({ error: (e as Error).message });
    }
  });
}

export const httpChecks: BrokerCheck[] = [
  {
    id: 'broker.http.assigns-fresh-id',
    covers: ['SIG-07'],
    description: 'GET <path><key>/id answers 200 with a fresh, unregistered id of the SIG-03 syntax, different on each request',
    async run(env) {
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const url = idServiceUrl(env.endpoint);
        const res = await fetchText(url, env.timeouts.stepMs);
        if ('error' in res) return fail('SIG-07', `GET ${url} failed: ${res.error}`);
        if (res.status !== 200) return fail('SIG-07', `GET ${url} answered HTTP ${res.status}`, 200, res.status);
        if (!ID_SYNTAX.test(res.body)) return fail('SIG-07', 'the body is not a peer id of the SIG-03 syntax (exactly, with no surrounding whitespace)', ID_SYNTAX.source, res.body);
        ids.push(res.body);
      }
      if (ids[0] === ids[1]) return fail('SIG-07', 'two requests returned the same id', 'two different ids', ids);
      const sock = env.socket({ key: env.endpoint.key, id: ids[0]!, token: env.newToken() });
      const open = await sock.take(isType('OPEN'), env.timeouts.registerMs);
      if (!open) return fail('SIG-07', `the assigned id could not be registered: ${seen(sock)}`, 'OPEN');
      return pass();
    },
  },
];
