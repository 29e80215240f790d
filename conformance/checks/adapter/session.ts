// A raw stdio session with the adapter under test, for the `adapter` profile: the harness writes
// any line it likes (broken JSON, unknown commands, runs before start) and reads every line the
// adapter writes back, judged as data. A fresh process per check keeps the checks independent.
import { isJsonObject, tryParseJson, type JsonObject } from '../../lib/json.ts';
import { AdapterProcess } from '../../impl/adapter-process.ts';

export type Line = { json: JsonObject; text: string } | { text: string; notJson: true } | { none: 'timeout' | 'exited' | 'overflow'; detail: string };

export const isJsonLine = (l: Line): l is { json: JsonObject; text: string } => 'json' in l;

export class RawSession {
  readonly #proc: AdapterProcess;
  /** Every stdout line seen, in order (ADP-01 judges all of them). */
  readonly transcript: string[] = [];

  constructor(
    command: string,
    readonly timeoutMs: number,
  ) {
    this.#proc = new AdapterProcess(command, 4 * 1024 * 1024);
  }

  get exited(): string | null {
    return this.#proc.exited;
  }

  stderr(): string {
    return this.#proc.stderrTail();
  }

  write(line: string): void {
    this.#proc.writeLine(line);
  }

  send(message: object): void {
    this.#proc.send(message);
  }

  /** The next line the adapter writes, or why none came. */
  async read(timeoutMs = this.timeoutMs): Promise<Line> {
    const e = await this.#proc.next(timeoutMs);
    if ('timeout' in e) return { none: 'timeout', detail: `no line within ${timeoutMs} ms` };
    if ('exited' in e) return { none: 'exited', detail: e.exited };
    if ('overflow' in e) return { none: 'overflow', detail: `a line of ${e.overflow} bytes` };
    this.transcript.push(e.line);
    const parsed = tryParseJson(e.line);
    return parsed && isJsonObject(parsed.value) ? { json: parsed.value, text: e.line } : { text: e.line, notJson: true };
  }

  /** Sends one line and reads the one answer. */
  async ask(line: string | object): Promise<Line> {
    if (typeof line === 'string') this.write(line);
    else this.send(line);
    return this.read();
  }

  /** `start` version 1; the answer, which must be ok for most checks to go on. Start-up gets the
   * same grace as the driver's handshake (20 s at least): interpreters can be slow to load. */
  start(): Promise<Line> {
    this.send({ cmd: 'start', version: 1 });
    return this.read(Math.max(20_000, this.timeoutMs));
  }

  /** Sends a first line, read with the start-up grace (for checks that open with something else). */
  async first(line: string | object): Promise<Line> {
    if (typeof line === 'string') this.write(line);
    else this.send(line);
    return this.read(Math.max(20_000, this.timeoutMs));
  }

  /** Lines written within `ms` of silence from the harness (there should be none). */
  async extra(ms: number): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const l = await this.read(ms);
      if ('none' in l) return out;
      out.push(l.text);
    }
  }

  endInput(): void {
    this.#proc.endInput();
  }

  waitExit(ms: number): Promise<boolean> {
    return this.#proc.waitExit(ms);
  }

  close(): void {
    this.#proc.kill();
  }
}
