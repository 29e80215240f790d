// Starts the stock PeerJS server (the `peer` package) on loopback for self-tests of the broker
// suite and for end-to-end runs. It lives in a worker thread because the package keeps timers
// alive with no way to stop them; terminating the thread is the clean shutdown.
import { Worker } from 'node:worker_threads';

export interface StockServerOptions {
  /** PeerJS `path` option (default '/'). */
  path?: string;
  /** PeerJS `key` (default 'peerjs'). */
  key?: string;
  /** How long an undeliverable relay frame waits before EXPIRE, ms (stock default 5000). */
  expire_timeout?: number;
  /** How often the queue of undeliverable frames is swept, ms (stock default 1000). */
  cleanup_out_msgs?: number;
  /** Drop a socket silent for this long, ms (stock default 90000). */
  alive_timeout?: number;
}

export interface RunningBroker {
  port: number;
  /** Base URL the way a PeerJS client is configured: scheme, host, port and path. */
  url: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

export async function startStockPeerServer(opts: StockServerOptions = {}): Promise<RunningBroker> {
  const worker = new Worker(new URL('./stock-server.worker.mjs', import.meta.url), {
    workerData: { host: '127.0.0.1', port: 0, ...opts },
    // The worker is plain JS: do not inherit a TypeScript loader it does not need.
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stock PeerJS server did not start within 10 s')), START_TIMEOUT_MS);
    worker.once('message', (m: { type?: string; port?: number }) => {
      clearTimeout(timer);
      if (m?.type === 'listening' && typeof m.port === 'number' && m.port > 0) resolve(m.port);
      else reject(new Error(`unexpected message from the server worker: ${JSON.stringify(m)}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  const path = opts.path ?? '/';
  return {
    port,
    url: `ws://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    close: async () => {
      await worker.terminate();
    },
  };
}
