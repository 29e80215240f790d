// Wraps any implementation with the run-level defences every transport needs:
// - a per-op timeout for in-process and `module:` implementations (the stdio driver has its own,
//   because it must also restart the process);
// - quarantine: once an op has errored QUARANTINE_AFTER times in a row with the same root cause,
//   further calls to it are answered errored at once with that cause instead of being sent, so one
//   broken op costs three attempts, not one timeout per remaining check;
// - a record of the faults seen during the current check, for the runner's root causes.
import type { JsonValue } from '../lib/json.ts';
import { isErrored, type Fault, type Implementation, type ImplementationInfo, type Response } from './types.ts';

export const QUARANTINE_AFTER = 3;

function withTimeout(p: Promise<Response>, ms: number, op: string): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Response>((resolve) => {
    timer = setTimeout(() => resolve({ errored: true, message: `no response within ${ms} ms`, fault: { cause: `no response within ${ms} ms`, requirement: 'ADP-09', detail: `op ${op}` } }), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The root cause of an errored response, named even when the driver gave none. */
export function faultOf(r: Extract<Response, { errored: true }>): Fault {
  return r.fault ?? { cause: `implementation errored: ${r.message.split('\n')[0]!.slice(0, 120)}` };
}

export class GuardedImplementation implements Implementation {
  readonly #streak = new Map<string, { cause: string; count: number; fault: Fault }>();
  readonly #quarantined = new Map<string, Fault>();
  #faults: Fault[] = [];

  constructor(
    readonly inner: Implementation,
    readonly timeoutMs: number,
  ) {}

  get label(): string {
    return this.inner.label;
  }
  get transport() {
    return this.inner.transport;
  }
  get command(): string | undefined {
    return this.inner.command;
  }
  start(): Promise<ImplementationInfo> {
    return this.inner.start();
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
  diagnostics(): string {
    return this.inner.diagnostics?.() ?? '';
  }
  restarts(): number {
    return this.inner.restarts?.() ?? 0;
  }
  /** Faults recorded since the last call (the runner calls this after each check). */
  takeFaults(): Fault[] {
    const out = [...this.#faults, ...(this.inner.takeFaults?.() ?? [])];
    this.#faults = [];
    return out;
  }
  quarantined(): string[] {
    return [...this.#quarantined.keys()];
  }

  async run(op: string, input: JsonValue): Promise<Response> {
    const q = this.#quarantined.get(op);
    if (q) {
      this.#faults.push(q);
      return { errored: true, message: `${q.cause} (op ${op} not sent again after ${QUARANTINE_AFTER} errors in a row)`, fault: q };
    }
    const call = this.inner.run(op, input);
    const r = this.inner.transport === 'cmd' ? await call : await withTimeout(call, this.timeoutMs, op);
    if (!isErrored(r)) {
      this.#streak.delete(op);
      return r;
    }
    const fault = faultOf(r);
    this.#faults.push(fault);
    const s = this.#streak.get(op);
    const count = s && s.cause === fault.cause ? s.count + 1 : 1;
    this.#streak.set(op, { cause: fault.cause, count, fault });
    if (count >= QUARANTINE_AFTER) this.#quarantined.set(op, fault);
    return r;
  }
}
