// A broker check: one stable, named verdict about a broker, black-box over WebSocket and HTTP.
// Ids never change meaning and are never reused; `covers` names the requirements of
// spec/09-signaling.md the check exercises.
//
// Checks run at the same time against one broker (suite.ts), so each keeps to itself: fresh
// random ids and tokens, its own sockets, and frame matchers that name the sender (`src`) or a
// nonce of the check, so that what another check's traffic does (or a broker that leaks it)
// cannot be mistaken for an answer to this one.
import { randomBytes } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import { socketUrl, type BrokerEndpoint } from '../endpoint.ts';
import { frameProblem } from '../frames.ts';
import { BrokerSocket, typeOf, type Received } from '../socket.ts';

export interface BrokerTimeouts {
  /** Longest wait for a frame the broker should send promptly (a relayed frame), ms. */
  stepMs: number;
  /** How long the suite listens to conclude that nothing arrives, ms. */
  quietMs: number;
  /** Longest wait for EXPIRE [SIG-11]: its bound, 15 000 ms, unless a test shortens it. */
  expireMs: number;
  /** Longest wait for the answer to a registration [SIG-28]: its bound, 8000 ms, unless shortened. */
  registerMs: number;
  /** Silence a registration sits through before the suite checks it is still there [SIG-16]. */
  aliveMs: number;
}

/** Bounds the spec itself sets; a check fails a broker that exceeds them even if it waits longer. */
export const SPEC_BOUNDS = { expireMs: 15_000, registerMs: 8000, aliveMs: 15_000 } as const;

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
  /**
   * Runs alone, after the checks that run together: it sends what may bring a broker down, and
   * a broker that goes down must be charged to this check, not to whatever ran beside it.
   */
  exclusive?: boolean;
  /** The requirement a broker that stops accepting connections during this check breaks (default covers[0]). */
  deathBreaks?: string;
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
  const end = sock.closed ? `closed (${sock.closed.code}${sock.closed.reason ? ` ${sock.closed.reason}` : ''})` : sock.handshaken ? 'still open' : 'WebSocket handshake not completed';
  return `${frames.length ? frames.join(' | ') : 'no frames'}; socket ${end}${sock.error ? `; error: ${sock.error}` : ''}`;
}

/** A frame of `type` relayed from `src` (and, when given, carrying `nonce` somewhere in its text). */
export const relayed = (type: string, src: string, nonce?: string) => (r: Received): boolean => {
  if (typeOf(r) !== type || (r.value as { src?: unknown }).src !== src) return false;
  return nonce === undefined || r.text.includes(nonce);
};
/** An EXPIRE naming `dst` as the unreachable id. */
export const expireFor = (dst: string) => (r: Received): boolean => typeOf(r) === 'EXPIRE' && (r.value as { src?: unknown }).src === dst;

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
      // OPEN must come first [SIG-04], but that is broker.open.accepts-valid-id's verdict: here a
      // helper peer only needs its registration, so frames before OPEN are tolerated.
      const open = await sock.take((r) => typeOf(r) === 'OPEN' || typeOf(r) === 'ID-TAKEN' || typeOf(r) === 'ERROR', timeouts.registerMs);
      if (!open || typeOf(open) !== 'OPEN') throw new SetupError(`could not register helper peer ${id}: ${seen(sock)}`);
      sock.takeBefore(open);
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
