// Peer-mode checks are steps of a few live scenarios: one room, set up once (the implementation
// joins a broker with the harness's observer peers and, where needed, room-mates), then judged
// step by step. Each step is a check with its own stable id and requirements; setting up a
// WebRTC room costs seconds, so steps share it rather than rebuild it.
import type { RawResult } from '../checks/types.ts';
import type { ControlScope } from './control.ts';
import type { Observer } from './observer/observer.ts';
import type { BrokerBase } from './observer/signal.ts';

export interface PeerEnv {
  broker: BrokerBase;
  /** The broker as peer.join takes it (`ws://HOST:PORT/PATH`). */
  brokerUrl: string;
  /** The implementation under test (this scenario's view of it). */
  iut: ControlScope;
  /** A room-mate implementation (the reference peer by default), started on first use. */
  mate(): Promise<ControlScope>;
  /** A new observer peer, closed when the scenario ends. */
  observer(id?: string): Promise<Observer>;
  /** A fresh room for this scenario. */
  room(tag: string): RoomNames;
  /** Bounds the checks wait for, ms. */
  timeouts: PeerTimeouts;
}

export interface RoomNames {
  /** The room name the peers are given. */
  name: string;
  /** Its room id (ROOM-01), by the harness's own model. */
  id: string;
  /** The authority peer id `kbz-v1-<id>` (ROOM-03). */
  authority: string;
}

export interface PeerTimeouts {
  /** A connection or a state change that should happen at once (WebRTC set-up included). */
  connectMs: number;
  /** A reaction to one frame. */
  reactMs: number;
  /** A migration (PRES-59 allows 30 s after a crash; a clean leave is faster). */
  migrateMs: number;
}

export const DEFAULT_TIMEOUTS: PeerTimeouts = { connectMs: 30_000, reactMs: 6_000, migrateMs: 30_000 };

export interface PeerStep<C> {
  /** Stable check id, `peer.<scenario>.<step>`. */
  id: string;
  /** Requirements the step judges; the first is the most specific. */
  covers: string[];
  description: string;
  run(ctx: C, env: PeerEnv): Promise<RawResult>;
}

export interface PeerScenario<C> {
  id: string;
  description: string;
  setup(env: PeerEnv): Promise<C>;
  steps: PeerStep<C>[];
}

/** A scenario with its context type erased, for lists. */
export type AnyScenario = PeerScenario<never>;

export const scenario = <C>(s: PeerScenario<C>): AnyScenario => s as unknown as AnyScenario;

/** A setup that cannot proceed: every selected step of the scenario is errored (or unsupported). */
export class SetupFailed extends Error {
  constructor(
    message: string,
    readonly status: 'errored' | 'unsupported' | 'fail' = 'errored',
    readonly requirement?: string,
  ) {
    super(message);
  }
}
