// A raw broker socket for black-box checks: no PeerJS client in between, so the suite sees exactly
// what the broker sends and can send what no well-behaved client would. Nothing here throws on bad
// input from the broker; every wait is bounded.
import WebSocket from 'ws';

export interface Received {
  /** ms since the socket was created */
  at: number;
  text: string;
  binary: boolean;
  /** The parsed JSON, or undefined when the frame is not JSON. */
  value: unknown;
}

export interface Closed {
  at: number;
  code: number;
  reason: string;
}

type Waiter = () => void;

export class BrokerSocket {
  readonly received: Received[] = [];
  readonly #taken = new Set<Received>();
  readonly #ws: WebSocket;
  readonly #t0 = performance.now();
  readonly #waiters = new Set<Waiter>();
  #closed: Closed | undefined;
  #error: string | undefined;
  #opened = false;

  constructor(readonly url: string) {
    // perMessageDeflate off: a broker that cannot negotiate it must still pass.
    this.#ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.#ws.on('open', () => {
      this.#opened = true;
      this.#wake();
    });
    this.#ws.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const text = buf.toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      this.received.push({ at: this.#now(), text, binary: isBinary, value });
      this.#wake();
    });
    this.#ws.on('close', (code, reason) => {
      this.#closed ??= { at: this.#now(), code, reason: reason.toString('utf8') };
      this.#wake();
    });
    this.#ws.on('error', (e) => {
      this.#error ??= e.message;
      this.#wake();
    });
    this.#ws.on('unexpected-response', (_req, res) => {
      this.#error ??= `HTTP ${res.statusCode} instead of a WebSocket upgrade`;
      this.#closed ??= { at: this.#now(), code: 1006, reason: this.#error };
      res.resume();
      this.#ws.terminate();
      this.#wake();
    });
  }

  #now(): number {
    return Math.round(performance.now() - this.#t0);
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  get closed(): Closed | undefined {
    return this.#closed;
  }

  get error(): string | undefined {
    return this.#error;
  }

  /** The WebSocket handshake completed (whatever happened after). */
  get handshaken(): boolean {
    return this.#opened;
  }

  get isOpen(): boolean {
    return this.#opened && !this.#closed && this.#ws.readyState === WebSocket.OPEN;
  }

  /** Resolves when cond() holds or the time is up; returns cond()'s final value. */
  async #until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
    if (cond()) return true;
    return new Promise<boolean>((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(v);
      };
      const check = () => {
        if (cond()) done(true);
      };
      const timer = setTimeout(() => done(cond()), timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Waits for the WebSocket handshake; false when it failed or timed out. */
  async opened(timeoutMs: number): Promise<boolean> {
    await this.#until(() => this.#opened || this.#closed !== undefined || this.#error !== undefined, timeoutMs);
    return this.#opened;
  }

  /**
   * The first frame not yet taken that satisfies `match`, waiting up to timeoutMs for it. Frames
   * that do not match stay available to later calls. Undefined on timeout or when the socket closed
   * without such a frame.
   */
  async take(match: (r: Received) => boolean, timeoutMs: number): Promise<Received | undefined> {
    const find = () => this.received.find((r) => !this.#taken.has(r) && match(r));
    await this.#until(() => find() !== undefined || this.#closed !== undefined, timeoutMs);
    const hit = find();
    if (hit) this.#taken.add(hit);
    return hit;
  }

  /** The first frame not yet taken, whatever it is. */
  takeNext(timeoutMs: number): Promise<Received | undefined> {
    return this.take(() => true, timeoutMs);
  }

  /** Marks every frame that arrived before `r` as taken (what came before a helper peer's OPEN). */
  takeBefore(r: Received): void {
    for (const x of this.received) {
      if (x === r) break;
      this.#taken.add(x);
    }
  }

  /** Frames not taken yet. */
  pending(): Received[] {
    return this.received.filter((r) => !this.#taken.has(r));
  }

  async waitClosed(timeoutMs: number): Promise<Closed | undefined> {
    await this.#until(() => this.#closed !== undefined, timeoutMs);
    return this.#closed;
  }

  /** Sends a JSON value, or raw text / bytes when given a string or a Uint8Array. */
  send(frame: unknown): boolean {
    if (this.#ws.readyState !== WebSocket.OPEN) return false;
    try {
      if (typeof frame === 'string') this.#ws.send(frame);
      else if (frame instanceof Uint8Array) this.#ws.send(frame, { binary: true });
      else this.#ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** A clean close (close handshake); resolves once the socket is closed or after timeoutMs. */
  async close(timeoutMs = 2000): Promise<void> {
    if (!this.#closed) {
      try {
        this.#ws.close(1000);
      } catch {
        /* already closing */
      }
    }
    await this.waitClosed(timeoutMs);
    if (!this.#closed) this.terminate();
  }

  /** Drops the TCP connection without a close handshake, like a peer that vanished. */
  terminate(): void {
    try {
      this.#ws.terminate();
    } catch {
      /* already gone */
    }
  }
}

export const typeOf = (r: Received): unknown =>
  typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value) ? (r.value as Record<string, unknown>).type : undefined;

export const isType = (type: string) => (r: Received): boolean => typeOf(r) === type;
