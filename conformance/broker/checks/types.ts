// A broker check: one stable, named verdict about a broker, black-box over WebSocket and HTTP.
// Ids never change meaning and are never reused; `covers` names the requirements of
// spec/09-signaling.md the check exercises.
import { randomBytes } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import { socketUrl, type BrokerEndpoint } from '../endpoint.ts';
import { frameProblem } from '../frames.ts';
import { BrokerSocket, isType, type Received } from '../socket.ts';

export interface BrokerTimeouts {
  /** Longest wait for a frame the broker should send promptly (OPEN, a relayed frame), ms. */
  stepMs: number;
  /** How long the suite listens to conclude that nothing arrives, ms. */
  quietMs: number;
  /** Longest wait for EXPIRE [SIG-11]: 15 s unless a test shortens it. */
  expireMs: number;
}

export interface BrokerEnv {
  endpoint: BrokerEndpoint;
  timeouts: BrokerTimeouts;
  /** A fresh peer id valid under SIG-03, unique to this run. */
  newId(prefix?: string): string;
  newToken(): string;
  /** Opens a raw socket (tracked, closed after the check). */
  socket(params: Record<string, string | undefined>): BrokerSocket;
  /** Registers `id` and returns the socket once OPEN arrived; a setup failure throws SetupError. */
  register(id?: string, token?: string): Promise<{ id: string; token: string; sock: BrokerSocket }>;
}

export interface BrokerCheck {
  id: string;
  covers: string[];
  description: string;
  run(env: BrokerEnv): Promise<RawResult>;
}

/** A check could not get to what it tests (e.g. the broker never registers anyone). */
export class SetupError extends Error {}

export const pass = (message?: string): RawResult => (message ? { status: 'pass', message } : { status: 'pass' });
export const fail = (requirement: string, message: string, expected?: unknown, actual?: unknown): RawResult => ({
  status: 'fail',
  requirement,
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(actual !== undefined ? { actual } : {}),
});

/** Ids that match SIG-03 and cannot collide with anyone else's on a shared broker. */
export const randomId = (prefix = 'kbzc'): string => `${prefix}-${randomBytes(9).toString('hex')}`;

/** A compact description of what a socket saw, for failure messages. */
export function seen(sock: BrokerSocket): string {
  const frames = sock.received.map((r) => (r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text));
  const end = sock.closed ? `closed (${sock.closed.code}${sock.closed.reason ? ` ${sock.closed.reason}` : ''})` : 'still open';
  return `${frames.length ? frames.join(' | ') : 'no frames'}; socket ${end}${sock.error ? `; error: ${sock.error}` : ''}`;
}

export function makeEnv(endpoint: BrokerEndpoint, timeouts: BrokerTimeouts, tracked: BrokerSocket[]): BrokerEnv {
  const env: BrokerEnv = {
    endpoint,
    timeouts,
    newId: (prefix) => randomId(prefix),
    newToken: () => randomBytes(8).toString('hex'),
    socket: (params) => {
      const s = new BrokerSocket(socketUrl(endpoint, params));
      tracked.push(s);
      return s;
    },
    register: async (id = env.newId(), token = env.newToken()) => {
      const sock = env.socket({ key: endpoint.key, id, token });
      const first = await sock.takeNext(timeouts.stepMs);
      if (!first || !isType('OPEN')(first)) {
        throw new SetupError(`could not register helper peer ${id}: ${seen(sock)}`);
      }
      return { id, token, sock };
    },
  };
  return env;
}

/** Fails with `requirement` when a frame the broker sent is not well-formed per chapter 7. */
export function malformed(r: Received, requirement: string): RawResult | null {
  const problem = frameProblem(r.value);
  return problem ? fail(requirement, `the broker sent a malformed frame: ${problem}`, undefined, r.text) : null;
}
