// A raw client of the PeerJS server protocol (spec/09-signaling.md) for the harness's observer
// peers: registration on the broker socket, a heartbeat, and every frame in and out kept in order,
// so a check can judge the OFFER an implementation sent (serialization, label, reliability) and
// who dialled whom. No PeerJS in between: the harness sees exactly what crossed the broker.
import WebSocket from 'ws';

export interface BrokerBase {
  host: string;
  port: number;
  /** PeerJS `path`, beginning and ending with `/`. */
  path: string;
  secure: boolean;
  key: string;
}

export function brokerBase(url: string, key = 'peerjs'): BrokerBase {
  const u = new URL(url);
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  let path = u.pathname || '/';
  if (!path.endsWith('/')) path += '/';
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : secure ? 443 : 80, path, secure, key };
}

export const brokerUrl = (b: BrokerBase): string => `${b.secure ? 'wss' : 'ws'}://${b.host}:${b.port}${b.path}`;

export type SignalFrame = { type: string; src?: string; dst?: string; payload?: unknown } & Record<string, unknown>;

export interface LoggedFrame {
  at: number;
  dir: 'in' | 'out';
  frame: SignalFrame;
}

/** SIG-15: the client heartbeat. */
const HEARTBEAT_MS = 5000;
let idCounter = 0;

export class SignalClient {
  readonly log: LoggedFrame[] = [];
  #handlers = new Set<(f: SignalFrame) => void>();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    readonly id: string,
    private readonly ws: WebSocket,
    private readonly t0: number,
  ) {
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof frame !== 'object' || frame === null || typeof (frame as SignalFrame).type !== 'string') return;
      this.log.push({ at: this.now(), dir: 'in', frame: frame as SignalFrame });
      for (const h of [...this.#handlers]) h(frame as SignalFrame);
    });
    ws.on('close', () => this.#stop());
    ws.on('error', () => this.#stop());
    this.#timer = setInterval(() => this.#raw({ type: 'HEARTBEAT' }), HEARTBEAT_MS);
    this.#timer.unref();
  }

  now(): number {
    return Math.round(performance.now() - this.t0);
  }

  /** A broker-assigned id (SIG-07), as PeerJS asks for one. */
  static async assignedId(b: BrokerBase): Promise<string> {
    const url = `${b.secure ? 'https' : 'http'}://${b.host}:${b.port}${b.path}${b.key}/id?ts=${Date.now()}${Math.random()}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    return (await res.text()).trim();
  }

  /**
   * Registers `id` (or a broker-assigned one). Resolves on OPEN; rejects with `ID-TAKEN`, the
   * ERROR message or a timeout, closing the socket first.
   */
  static async register(b: BrokerBase, id?: string, t0 = performance.now(), timeoutMs = 8000): Promise<SignalClient> {
    const peerId = id ?? (await SignalClient.assignedId(b));
    const token = `obs${++idCounter}${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const url = `${brokerUrl(b)}peerjs?key=${encodeURIComponent(b.key)}&id=${encodeURIComponent(peerId)}&token=${token}&version=1.5.5`;
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    return new Promise<SignalClient>((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail(`no OPEN for ${peerId} within ${timeoutMs} ms`), timeoutMs);
      ws.on('error', (e) => fail(`broker socket for ${peerId}: ${e.message}`));
      ws.on('close', () => fail(`broker closed the socket of ${peerId} before OPEN`));
      ws.once('message', (data) => {
        let f: SignalFrame | undefined;
        try {
          f = JSON.parse(String(data)) as SignalFrame;
        } catch {
          /* judged below */
        }
        if (f?.type === 'OPEN') {
          clearTimeout(timer);
          ws.removeAllListeners();
          resolve(new SignalClient(peerId, ws, t0));
        } else fail(f?.type === 'ID-TAKEN' ? 'ID-TAKEN' : `registration of ${peerId} refused: ${String(data).slice(0, 200)}`);
      });
    });
  }

  onFrame(h: (f: SignalFrame) => void): () => void {
    this.#handlers.add(h);
    return () => this.#handlers.delete(h);
  }

  #raw(frame: SignalFrame): void {
    if (this.#closed || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify(frame));
  }

  send(frame: SignalFrame): void {
    if (this.#closed) return;
    this.log.push({ at: this.now(), dir: 'out', frame });
    this.#raw(frame);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #stop(): void {
    this.#closed = true;
    clearInterval(this.#timer);
  }

  /** Drops the registration (the broker releases the id, SIG-17). */
  close(): void {
    this.#stop();
    this.#handlers.clear();
    try {
      this.ws.close();
    } catch {
      this.ws.terminate();
    }
  }
}
