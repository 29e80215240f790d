// `--impl cmd:"<command>"`: an adapter process speaking JSON Lines on stdin/stdout
// (spec/10-adapter-protocol.md). One request at a time. Every way an adapter can misbehave becomes
// an `errored` response carrying one named root cause, never a verdict, and the run goes on:
// - a line that is not a JSON object is noise (ADP-01): noted, skipped, the real answer still read;
// - a response to an earlier seq is late or duplicated (ADP-02): discarded, never read as this answer;
// - any other seq, or no answer within the timeout, or an exit: the stream cannot be trusted, so the
//   adapter is restarted before the next request (ADP-04, ADP-09);
// - a line longer than the bound is dropped up to its newline (ADP-01), so memory stays bounded.
import { Compile } from 'typebox/compile';
import { isJsonObject, tryParseJson, type JsonObject, type JsonValue } from '../lib/json.ts';
import { RunResponse, StartResponse } from '../../schemas/src/adapter-protocol.ts';
import { AdapterProcess, DEFAULT_MAX_LINE_BYTES } from './adapter-process.ts';
import type { Fault, Implementation, ImplementationInfo, Response } from './types.ts';

let checkStart: ReturnType<typeof Compile<typeof StartResponse>> | null = null;
let checkRun: ReturnType<typeof Compile<typeof RunResponse>> | null = null;

export const DEFAULT_TIMEOUT_MS = 10_000;
/** After this many restarts the adapter is given up on: the run stops with that root cause. */
export const MAX_RESTARTS = 20;

export interface StdioOptions {
  /** Per-request timeout (ADP-09), default 10 s. */
  timeoutMs?: number;
  /** Timeout for the `start` handshake, default the larger of 20 s and the request timeout. */
  startTimeoutMs?: number;
  maxLineBytes?: number;
  /** Validate every adapter message against schemas/json/adapter-protocol.schema.json. */
  validateProtocol?: boolean;
  /** Called for every protocol violation found by validateProtocol. */
  onViolation?: (message: string) => void;
}

const NOISE: Fault = { cause: 'adapter wrote non-JSON to stdout', requirement: 'ADP-01' };
const LATE: Fault = { cause: 'adapter answered an earlier request again (late or duplicate response)', requirement: 'ADP-02' };

function describe(m: JsonObject): Response | null {
  if (m.ok === true && isJsonObject(m.output)) return { ok: true, output: m.output };
  if (m.ok === false && isJsonObject(m.error) && typeof m.error.code === 'string') {
    return { ok: false, error: { code: m.error.code, message: typeof m.error.message === 'string' ? m.error.message : '' } };
  }
  if (m.unsupported === true) return { unsupported: true };
  if (m.errored === true) {
    const message = typeof m.message === 'string' ? m.message : 'adapter reported an internal error';
    return { errored: true, message, fault: { cause: `adapter answered errored: ${message.split('\n')[0]!.slice(0, 120)}` } };
  }
  return null;
}

export class StdioImplementation implements Implementation {
  readonly transport = 'cmd' as const;
  #proc: AdapterProcess | null = null;
  #info: ImplementationInfo | null = null;
  #seq = 0;
  #restarts = 0;
  #restartNeeded: string | null = null;
  #dead: Fault | null = null;
  #stderrOfLast = '';

  constructor(
    readonly command: string,
    readonly options: StdioOptions = {},
  ) {}

  get label(): string {
    return `cmd:${this.command}`;
  }

  get #timeout(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  diagnostics(): string {
    return (this.#proc?.stderrTail() || this.#stderrOfLast).trim();
  }

  restarts(): number {
    return this.#restarts;
  }

  #violation(message: string): void {
    this.options.onViolation?.(message);
  }

  /** Spawns the adapter and performs `start`; on any failure the process group is killed. */
  async #launch(): Promise<ImplementationInfo> {
    const proc = new AdapterProcess(this.command, this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    this.#proc = proc;
    try {
      proc.send({ cmd: 'start', version: 1 });
      const limit = this.options.startTimeoutMs ?? Math.max(20_000, this.#timeout);
      const deadline = Date.now() + limit;
      for (;;) {
        const e = await proc.next(deadline - Date.now());
        if ('timeout' in e) throw new Error(`adapter did not answer start within ${limit} ms (ADP-03)`);
        if ('exited' in e) throw new Error(`adapter exited before answering start (${e.exited})`);
        if ('overflow' in e) throw new Error(`adapter answered start with a line longer than ${this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes (ADP-13)`);
        const parsed = tryParseJson(e.line);
        if (!parsed || !isJsonObject(parsed.value)) throw new Error(`adapter wrote non-JSON to stdout before answering start (ADP-01): ${e.line.slice(0, 200)}`);
        const msg = parsed.value;
        checkStart ??= Compile(StartResponse);
        if (this.options.validateProtocol && !checkStart.Check(msg as unknown)) this.#violation(`start response: ${JSON.stringify(checkStart.Errors(msg).slice(0, 3))}`);
        const impl = msg.implementation;
        if (msg.ok !== true || !isJsonObject(impl)) {
          const why = isJsonObject(msg.error) && typeof msg.error.message === 'string' ? msg.error.message : e.line.slice(0, 200);
          throw new Error(`adapter refused start: ${why}`);
        }
        const profiles = Array.isArray(msg.profiles) ? msg.profiles.filter((p): p is string => typeof p === 'string') : [];
        return {
          name: String(impl.name ?? '?'),
          version: String(impl.version ?? '?'),
          language: String(impl.language ?? '?'),
          ...(typeof impl.homepage === 'string' ? { homepage: impl.homepage } : {}),
          profiles,
        };
      }
    } catch (err) {
      this.#stderrOfLast = proc.stderrTail();
      proc.kill();
      this.#proc = null;
      const tail = this.#stderrOfLast ? `\nadapter stderr (tail):\n${this.#stderrOfLast.slice(-1500)}` : '';
      throw new Error(`${(err as Error).message}${tail}`);
    }
  }

  async start(): Promise<ImplementationInfo> {
    this.#info = await this.#launch();
    return this.#info;
  }

  async #restart(): Promise<boolean> {
    const old = this.#proc;
    if (old) {
      this.#stderrOfLast = old.stderrTail();
      old.kill();
    }
    this.#proc = null;
    if (this.#restarts >= MAX_RESTARTS) {
      this.#dead = { cause: `adapter restarted ${MAX_RESTARTS} times; giving up`, requirement: 'ADP-09', fatal: true };
      return false;
    }
    this.#restarts++;
    try {
      const info = await this.#launch();
      if (this.#info && info.profiles.join() !== this.#info.profiles.join()) {
        this.#dead = { cause: 'adapter declared other profiles after a restart', requirement: 'ADP-03', fatal: true };
        return false;
      }
      return true;
    } catch (e) {
      this.#dead = { cause: 'adapter could not be restarted', requirement: 'ADP-03', detail: (e as Error).message, fatal: true };
      return false;
    }
  }

  #fail(fault: Fault, restart: string | null): Response {
    if (restart) this.#restartNeeded = restart;
    return { errored: true, message: fault.detail ? `${fault.cause}: ${fault.detail}` : fault.cause, fault };
  }

  async run(op: string, input: JsonValue): Promise<Response> {
    if (this.#dead) return this.#fail(this.#dead, null);
    if (this.#restartNeeded || !this.#proc) {
      this.#restartNeeded = null;
      if (!(await this.#restart())) return this.#fail(this.#dead!, null);
    }
    const proc = this.#proc!;
    const seq = ++this.#seq;
    proc.send({ cmd: 'run', seq, op, input });
    const deadline = Date.now() + this.#timeout;
    let noise: string | null = null;
    let late: string | null = null;
    for (;;) {
      const e = await proc.next(deadline - Date.now());
      if ('timeout' in e) {
        if (noise !== null) return this.#fail({ ...NOISE, detail: `${JSON.stringify(noise.slice(0, 200))} (and no response within ${this.#timeout} ms)` }, 'timeout');
        return this.#fail({ cause: `no response within ${this.#timeout} ms`, requirement: 'ADP-09', detail: `op ${op}` }, 'timeout');
      }
      if ('exited' in e) {
        this.#stderrOfLast = proc.stderrTail();
        return this.#fail({ cause: `adapter exited while answering ${op}`, requirement: 'ADP-09', detail: e.exited }, 'exit');
      }
      if ('overflow' in e) {
        const max = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
        return this.#fail({ cause: `adapter wrote a line longer than ${max} bytes`, requirement: 'ADP-13', detail: `${e.overflow} bytes, starting ${JSON.stringify(e.head.slice(0, 80))}` }, null);
      }
      const parsed = tryParseJson(e.line);
      if (!parsed || !isJsonObject(parsed.value)) {
        noise ??= e.line;
        continue; // the real answer may still follow
      }
      const msg = parsed.value;
      checkRun ??= Compile(RunResponse);
      if (this.options.validateProtocol && !checkRun.Check(msg as unknown)) {
        this.#violation(`run ${op} (seq ${seq}): ${JSON.stringify(checkRun.Errors(msg).slice(0, 3))}`);
      }
      if (typeof msg.seq === 'number' && Number.isInteger(msg.seq) && msg.seq >= 1 && msg.seq < seq) {
        late ??= `a response with seq ${msg.seq} while waiting for seq ${seq}`;
        continue; // matched by seq and discarded: never read as this request's answer
      }
      if (msg.seq !== seq) {
        return this.#fail({ cause: 'response seq does not match the request', requirement: 'ADP-04', detail: `response seq ${JSON.stringify(msg.seq)}, request seq ${seq}` }, 'desync');
      }
      const response = describe(msg);
      if (!response) return this.#fail({ cause: 'response has none of ok/unsupported/errored', requirement: 'ADP-04', detail: e.line.slice(0, 200) }, null);
      if (noise !== null) return this.#fail({ ...NOISE, detail: JSON.stringify(noise.slice(0, 200)) }, null);
      if (late !== null) return this.#fail({ ...LATE, detail: late }, null);
      return response;
    }
  }

  async stop(): Promise<void> {
    const proc = this.#proc;
    this.#proc = null;
    if (!proc) return;
    if (!proc.exited) {
      proc.send({ cmd: 'stop' });
      proc.endInput();
      await proc.waitExit(2000); // ADP-10: 2 s to exit
    }
    proc.kill(); // the shell may be gone while the adapter lingers
  }
}
