// Runs the interop matrix: every pair case for every ordered pair of stacks (the diagonal included:
// a stack must also interoperate with itself), and the trio cases for a room of three stacks. Cases
// run a few at a time, each in its own room; the stacks' programs are shared.
import { ControlError, ControlStop } from '../peer/control.ts';
import { CaseFailure, CaseRoom, type Timeouts } from './room.ts';
import type { InteropCase } from './cases.ts';
import type { Stack } from './stacks.ts';
import { collectTranscripts, type TranscriptLine } from './transcript.ts';

export type InteropOutcome = 'pass' | 'fail' | 'errored' | 'unsupported';

export interface InteropResult {
  case: string;
  kind: 'pair' | 'trio';
  /** The stacks in their parts: [first, second] or [first, second, third]. */
  stacks: string[];
  outcome: InteropOutcome;
  covers: string[];
  /** The requirement a failing case charges (its stack broke it). */
  requirement?: string;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  transcript?: TranscriptLine[];
  durationMs: number;
}

export interface MatrixOptions {
  stacks: Stack[];
  cases: InteropCase[];
  brokerUrl: string;
  timeouts: Timeouts;
  jobs: number;
  /** Only these ordered pairs (`a>b`), if given. */
  pairs?: string[];
  /** The jobs to run, when the caller planned them (and left some out); otherwise plan(o). */
  planned?: Job[];
  onResult?: (r: InteropResult, done: number, total: number) => void;
}

export interface Job {
  c: InteropCase;
  stacks: Stack[];
}

/** A cell's check id: the case, then the stacks in their parts (`safety-code.node>python`). */
export const cellId = (caseId: string, stacks: readonly { name: string }[]): string => `${caseId}.${stacks.map((s) => s.name).join('>')}`;

/** Every (case, stacks) a run executes, in report order. */
export function plan(o: Pick<MatrixOptions, 'stacks' | 'cases' | 'pairs'>): Job[] {
  const jobs: Job[] = [];
  for (const c of o.cases.filter((x) => x.kind === 'pair')) {
    for (const a of o.stacks) for (const b of o.stacks) if (!o.pairs || o.pairs.includes(`${a.name}>${b.name}`)) jobs.push({ c, stacks: [a, b] });
  }
  const trios = o.cases.filter((x) => x.kind === 'trio');
  if (trios.length && o.stacks.length) {
    // Three distinct stacks when there are three; otherwise the available ones in turn.
    const three = [0, 1, 2].map((i) => o.stacks[i % o.stacks.length]!);
    for (const c of trios) jobs.push({ c, stacks: three });
  }
  return jobs;
}

async function runJob(job: Job, o: MatrixOptions): Promise<InteropResult> {
  const room = new CaseRoom(job.c.id.replace(/\./g, ' '), o.brokerUrl, o.timeouts);
  const base = { case: job.c.id, kind: job.c.kind, stacks: job.stacks.map((s) => s.name), covers: job.c.covers };
  const t0 = performance.now();
  let result: InteropResult;
  const cap = o.timeouts.migrateMs + 4 * o.timeouts.connectMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      job.c.run(room, job.stacks),
      new Promise((_, rej) => (timer = setTimeout(() => rej(new ControlStop('errored', `the case did not finish within ${cap} ms`)), cap))),
    ]);
    result = { ...base, outcome: 'pass', durationMs: 0 };
  } catch (e) {
    if (e instanceof CaseFailure || e instanceof ControlError) {
      result = {
        ...base,
        outcome: 'fail',
        requirement: e.requirement,
        message: e.message,
        ...(e instanceof CaseFailure && e.expected !== undefined ? { expected: e.expected } : {}),
        ...(e instanceof CaseFailure && e.actual !== undefined ? { actual: e.actual } : {}),
        durationMs: 0,
      };
    } else if (e instanceof ControlStop) result = { ...base, outcome: e.status, message: e.message, durationMs: 0 };
    else result = { ...base, outcome: 'errored', message: `the case itself threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, durationMs: 0 };
    if (result.outcome === 'errored') {
      const tails = [...new Set(job.stacks)].map((s) => [s.name, s.ctl.diagnostics().slice(-1500)] as const).filter(([, t]) => t);
      for (const [name, tail] of tails) result.message += `\n${name} stderr (tail):\n${tail}`;
    }
    if (result.outcome === 'fail' || result.outcome === 'errored') {
      const { lines, serializations } = await collectTranscripts(room.seats).catch(() => ({ lines: [], serializations: new Set<string>() }));
      result.transcript = lines;
      // The failure was observed; the transcripts only name its likely cause: a connection that
      // does not run BinaryPack cannot carry what Kibitz peers send (JSON stops at 16300 bytes).
      const odd = [...serializations].filter((x) => x !== 'binary');
      if (result.outcome === 'fail' && odd.length) {
        result.message = `a presence connection of this room runs the ${odd.join(', ')} serialization, not binary (the peers' transcripts show it); then: ${result.message}`;
        result.requirement = 'WIRE-01';
      }
    }
  } finally {
    clearTimeout(timer);
  }
  await room.teardown();
  result.durationMs = Math.round(performance.now() - t0);
  return result;
}

export async function runMatrix(o: MatrixOptions): Promise<InteropResult[]> {
  const jobs = o.planned ?? plan(o);
  const results: (InteropResult | undefined)[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      results[i] = await runJob(jobs[i]!, o);
      o.onResult?.(results[i]!, ++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  return results as InteropResult[];
}
