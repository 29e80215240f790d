// `--impl cmd:"<command>"`: an adapter process speaking JSON Lines on stdin/stdout
// (spec/10-adapter-protocol.md). One request at a time; every way an adapter can misbehave
// (crash, garbage line, wrong seq, timeout) becomes an `errored` response, never a verdict.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Compile } from 'typebox/compile';
import type { JsonObject, JsonValue } from '../lib/json.ts';
import { RunResponse, StartResponse } from '../../schemas/src/adapter-protocol.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';

const checkStart = Compile(StartResponse);
const checkRun = Compile(RunResponse);
const STDERR_KEEP = 8192;

// Adapter process groups still alive; killed if the harness itself exits first (Ctrl-C, crash).
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface StdioOptions {
  timeoutMs?: number;
  /** Validate every adapter message against schemas/json/adapter-protocol.schema.json. */
  validateProtocol?: boolean;
  /** Called for every protocol violation found by validateProtocol. */
  onViolation?: (message: string) => void;
}

export class StdioImplementation implements Implementation {
  #child: ChildProcessWithoutNullStreams | null = null;
  #lines: string[] = [];
  #waiter: ((line: string | null) => void) | null = null;
  #stderr = '';
  #exited: string | null = null;
  #seq = 0;

  constructor(
    readonly command: string,
    readonly options: StdioOptions = {},
  ) {}

  get label(): string {
    return `cmd:${this.command}`;
  }

  diagnostics(): string {
    return this.#stderr.trim();
  }

  #violation(message: string): void {
    this.options.onViolation?.(message);
  }

  #nextLine(timeoutMs: number): Promise<string | null> {
    const queued = this.#lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#exited) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        resolve(null);
      }, timeoutMs);
      this.#waiter = (line) => {
        clearTimeout(timer);
        this.#waiter = null;
        resolve(line);
      };
    });
  }

  #send(message: object): void {
    this.#child?.stdin.write(JSON.stringify(message) + '\n');
  }

  async start(): Promise<ImplementationInfo> {
    // Own process group: the command runs through a shell, and killing only the shell would leave
    // the adapter itself (its grandchild) running with our pipes open.
    const child = spawn(this.command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    if (child.pid !== undefined) liveGroups.add(child.pid);
    child.stderr.on('data', (b: Buffer) => {
      this.#stderr = (this.#stderr + b.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.stdin.on('error', () => {}); // a dead adapter surfaces as "exited", not as an EPIPE crash
    child.on('exit', (code, signal) => {
      this.#exited = `adapter exited (code ${code}, signal ${signal})`;
      this.#waiter?.(null);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.#waiter) this.#waiter(line);
      else this.#lines.push(line);
    });
    this.#send({ cmd: 'start', version: 1 });
    const line = await this.#nextLine(this.options.timeoutMs ?? 20_000);
    if (line === null) throw new Error(`adapter did not answer start: ${this.#exited ?? 'timeout'}\n${this.diagnostics()}`);
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      throw new Error(`adapter answered start with a line that is not JSON: ${line.slice(0, 200)}`);
    }
    if (!checkStart.Check(msg)) {
      const why = JSON.stringify(checkStart.Errors(msg).slice(0, 3));
      if (this.options.validateProtocol) this.#violation(`start response: ${why}`);
    }
    const m = msg as { ok?: boolean; implementation?: ImplementationInfo; profiles?: string[]; error?: { message?: string } };
    if (m.ok !== true || !m.implementation) throw new Error(`adapter refused start: ${m.error?.message ?? line}`);
    return { ...m.implementation, profiles: m.profiles ?? [] };
  }

  async run(op: string, input: JsonValue): Promise<Response> {
    if (this.#exited) return { errored: true, message: this.#exited };
    const seq = ++this.#seq;
    this.#send({ cmd: 'run', seq, op, input });
    const line = await this.#nextLine(this.options.timeoutMs ?? 10_000);
    if (line === null) return { errored: true, message: this.#exited ?? `no response within ${this.options.timeoutMs ?? 10_000} ms` };
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return { errored: true, message: `response is not JSON: ${line.slice(0, 200)}` };
    }
    if (this.options.validateProtocol && !checkRun.Check(msg)) {
      this.#violation(`run ${op} (seq ${seq}): ${JSON.stringify(checkRun.Errors(msg).slice(0, 3))}`);
    }
    const m = msg as Record<string, unknown>;
    if (m.seq !== seq) return { errored: true, message: `response seq ${String(m.seq)} does not match request seq ${seq}` };
    if (m.ok === true && typeof m.output === 'object' && m.output !== null && !Array.isArray(m.output)) {
      return { ok: true, output: m.output as JsonObject };
    }
    if (m.ok === false && typeof m.error === 'object' && m.error !== null) {
      const e = m.error as { code?: unknown; message?: unknown };
      return { ok: false, error: { code: String(e.code), message: String(e.message ?? '') } };
    }
    if (m.unsupported === true) return { unsupported: true };
    if (m.errored === true) return { errored: true, message: String(m.message ?? 'adapter reported an internal error') };
    return { errored: true, message: `response has none of ok/unsupported/errored: ${line.slice(0, 200)}` };
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    if (this.#exited) {
      this.#killGroup();
      return;
    }
    this.#send({ cmd: 'stop' });
    child.stdin.end();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.#killGroup(), 2000); // ADP-10: 2 s to exit
    await exited;
    clearTimeout(timer);
    this.#killGroup(); // the shell may be gone while the adapter lingers
  }

  #killGroup(): void {
    const pid = this.#child?.pid;
    if (pid === undefined) return;
    liveGroups.delete(pid);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
