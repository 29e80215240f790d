// Runs the peer-mode scenarios against one implementation and grades each step like any other
// check (spec/10-adapter-protocol.md 10.5): the level of the broken requirement decides fail or
// non-strict; setup problems and crashes are `errored`, never a verdict.
import type { CheckResult } from '../../schemas/src/report.ts';
import type { RawResult } from '../checks/types.ts';
import { expectationFor, type Expectation } from '../expectations.ts';
import { checkLevel, grade } from '../runner.ts';
import type { Requirement } from '../spec-index.ts';
import { ControlError, ControlScope, ControlStop, type PeerControl } from './control.ts';
import { Observer } from './observer/observer.ts';
import type { BrokerBase } from './observer/signal.ts';
import { roomId, AUTHORITY_PREFIX } from '../oracles/room.ts';
import { SetupFailed, type AnyScenario, type PeerEnv, type PeerStep, type PeerTimeouts } from './scenario.ts';
import { PEER_SCENARIOS } from './checks/index.ts';
import { selectOnly } from '../selector.ts';

export const PEER_CHECK_PROFILE = 'peer';

export interface PeerCheckInfo {
  id: string;
  covers: string[];
  description: string;
}

/** Every step of every scenario, as a check (for --list and the traceability matrix). */
export const PEER_CHECKS: readonly PeerCheckInfo[] = PEER_SCENARIOS.flatMap((s) => (s.steps as PeerStep<never>[]).map(({ id, covers, description }) => ({ id, covers, description })));

/** Steps matching `only` (a check id, a group prefix or a requirement ID), or all. */
export function selectSteps(only: readonly string[]): Set<string> {
  return new Set(selectOnly(PEER_CHECKS, only).map((c) => c.id));
}

export interface PeerRunOptions {
  broker: BrokerBase;
  brokerUrl: string;
  iut: PeerControl;
  /** Starts the room-mate implementation (called at most once per run). */
  startMate: () => Promise<PeerControl>;
  reqs: Map<string, Requirement>;
  selected: Set<string>;
  timeouts: PeerTimeouts;
  expectations?: readonly Expectation[];
  replay: (checkId: string) => string;
  onProgress?: (done: number, total: number, result: CheckResult) => void;
  /** Scenarios run at once (each in its own room). */
  jobs?: number;
}

let roomCounter = 0;

function stepCap(t: PeerTimeouts): number {
  return t.migrateMs * 2 + t.connectMs * 2;
}

async function capped<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new ControlStop('errored', `${what} did not finish within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function rawOfError(e: unknown): RawResult {
  if (e instanceof ControlError) return { status: 'fail', requirement: e.requirement, message: e.message };
  if (e instanceof ControlStop) return { status: e.status, message: e.message };
  if (e instanceof SetupFailed) return e.status === 'fail' && e.requirement ? { status: 'fail', requirement: e.requirement, message: `setup: ${e.message}` } : { status: e.status === 'fail' ? 'errored' : e.status, message: `setup: ${e.message}` };
  return { status: 'errored', message: `the check itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
}

async function runScenario(s: AnyScenario, opts: PeerRunOptions, mate: () => Promise<PeerControl>, emit: (step: PeerStep<never>, raw: RawResult | 'skip', ms: number) => void): Promise<void> {
  const steps = (s.steps as PeerStep<never>[]).filter((st) => opts.selected.has(st.id));
  if (steps.length === 0) return;
  const observers: Observer[] = [];
  const iut = new ControlScope(opts.iut);
  let mateScope: ControlScope | null = null;
  const env: PeerEnv = {
    broker: opts.broker,
    brokerUrl: opts.brokerUrl,
    iut,
    mate: async () => (mateScope ??= new ControlScope(await mate())),
    observer: async (id) => {
      const o = await Observer.start(opts.broker, id);
      observers.push(o);
      return o;
    },
    room: (tag) => {
      const name = `Peer ${tag} ${++roomCounter} ${Math.random().toString(36).slice(2, 8)}`;
      const id = roomId(name);
      return { name, id, authority: `${AUTHORITY_PREFIX}${id}` };
    },
    timeouts: opts.timeouts,
  };
  let ctx: never;
  const t0 = performance.now();
  try {
    ctx = await capped(opts.timeouts.connectMs * 3, s.setup(env), `setup of ${s.id}`);
  } catch (e) {
    const raw = rawOfError(e);
    for (const st of steps) emit(st, raw, Math.round(performance.now() - t0));
    await teardown();
    return;
  }
  for (const st of steps) {
    const exp = expectationFor(st.id, opts.expectations ?? []);
    if (exp?.expect === 'skip') {
      emit(st, 'skip', 0);
      continue;
    }
    const t1 = performance.now();
    let raw: RawResult;
    try {
      raw = await capped(stepCap(opts.timeouts), st.run(ctx, env), st.id);
    } catch (e) {
      raw = rawOfError(e);
    }
    if (raw.status === 'errored') raw = { ...raw, message: `${raw.message}${opts.iut.diagnostics() ? `\nimplementation stderr (tail):\n${opts.iut.diagnostics().slice(-1200)}` : ''}` };
    emit(st, raw, Math.round(performance.now() - t1));
  }
  await teardown();

  async function teardown(): Promise<void> {
    await iut.leaveAll().catch(() => undefined);
    await mateScope?.leaveAll().catch(() => undefined);
    for (const o of observers) o.close();
  }
}

export async function runPeerChecks(opts: PeerRunOptions): Promise<CheckResult[]> {
  const results = new Map<string, CheckResult>();
  const total = opts.selected.size;
  let done = 0;
  let matePromise: Promise<PeerControl> | null = null;
  const mate = () => (matePromise ??= opts.startMate());
  const emit = (step: PeerStep<never>, raw: RawResult | 'skip', durationMs: number) => {
    const level = checkLevel(step.covers, opts.reqs);
    const expectation = expectationFor(step.id, opts.expectations ?? []);
    const base = { id: step.id, profile: PEER_CHECK_PROFILE, kind: 'scenario' as const, covers: step.covers, level, description: step.description };
    const exp = expectation ? { expectation: { expect: expectation.expect, reason: expectation.reason, ...(expectation.issue ? { issue: expectation.issue } : {}) } } : {};
    let result: CheckResult;
    if (raw === 'skip') result = { ...base, ...exp, outcome: 'skipped', durationMs: 0, message: expectation?.reason ?? 'skipped' };
    else {
      result = { ...base, ...exp, outcome: grade(raw, level, opts.reqs, expectation), durationMs };
      if (raw.message) result.message = raw.message;
      if (raw.status === 'fail') {
        result.failedRequirement = raw.requirement;
        if (raw.expected !== undefined) result.expected = raw.expected;
        if (raw.actual !== undefined) result.actual = raw.actual;
      }
      if (raw.status !== 'pass') result.replay = opts.replay(step.id);
      if (result.outcome === 'xpass') result.message = `passed, but the expectations file expects a failure (${expectation?.reason}): remove the entry`;
    }
    results.set(step.id, result);
    opts.onProgress?.(++done, total, result);
  };
  const queue = [...PEER_SCENARIOS];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await runScenario(s, opts, mate, emit);
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs ?? 1) }, worker));
  if (matePromise) await (await (matePromise as Promise<PeerControl>).catch(() => null))?.stop().catch(() => undefined);
  // Report order: scenario order, step order.
  return PEER_CHECKS.filter((c) => results.has(c.id)).map((c) => results.get(c.id)!);
}
