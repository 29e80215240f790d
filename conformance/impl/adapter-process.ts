// One adapter process: spawned through a shell in its own process group, its stdout split into
// bounded lines, its stderr kept as a short tail. It knows nothing about requests and responses;
// the stdio driver and the `adapter` profile's raw sessions build on it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readLines, type LineEvent } from './line-reader.ts';
import { killGroup, trackGroup } from './process-groups.ts';

const STDERR_KEEP = 8192;
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export type Next = LineEvent | { timeout: true } | { exited: string };

export class AdapterProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #queue: LineEvent[] = [];
  #waiter: ((e: LineEvent | null) => void) | null = null;
  #stderr = '';
  #exited: string | null = null;
  readonly #exit: Promise<void>;

  constructor(command: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    // Own process group: the command runs through a shell, and killing only the shell would leave
    // the adapter itself (its grandchild) running with our pipes open.
    const child = spawn(command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    if (child.pid !== undefined) trackGroup(child.pid);
    child.stderr.on('data', (b: Buffer) => {
      this.#stderr = (this.#stderr + b.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.stdin.on('error', () => {}); // a dead adapter surfaces as "exited", not as an EPIPE crash
    child.stdout.on('error', () => {});
    this.#exit = new Promise((resolve) => {
      child.on('error', (e) => {
        this.#exited ??= `could not run the command: ${e.message}`;
        this.#waiter?.(null);
        resolve();
      });
      child.on('exit', (code, signal) => {
        this.#exited ??= signal ? `killed by ${signal}` : `exit code ${code}`;
        this.#waiter?.(null);
        resolve();
      });
    });
    readLines(child.stdout, maxLineBytes, (e) => {
      if (this.#waiter) this.#waiter(e);
      else this.#queue.push(e);
    });
  }

  get exited(): string | null {
    return this.#exited;
  }

  stderrTail(): string {
    return this.#stderr.trim();
  }

  /** Writes one raw line (a newline is appended). */
  writeLine(text: string): void {
    if (!this.#exited) this.#child.stdin.write(`${text}\n`);
  }

  send(message: object): void {
    this.writeLine(JSON.stringify(message));
  }

  endInput(): void {
    this.#child.stdin.end();
  }

  /** The next stdout line (or overflow), or why there is none within `timeoutMs`. */
  next(timeoutMs: number): Promise<Next> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#exited) return Promise.resolve({ exited: this.#exited });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        resolve({ timeout: true });
      }, Math.max(0, timeoutMs));
      this.#waiter = (e) => {
        clearTimeout(timer);
        this.#waiter = null;
        resolve(e ?? { exited: this.#exited ?? 'exited' });
      };
    });
  }

  /** Resolves true when the process exits within `ms`. */
  async waitExit(ms: number): Promise<boolean> {
    if (this.#exited) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const ok = await Promise.race([this.#exit.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return ok;
  }

  /** Kills the whole process group (the shell and everything it started). */
  kill(): void {
    if (this.#child.pid !== undefined) killGroup(this.#child.pid);
  }
}
