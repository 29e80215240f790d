// The real PeerJS broker (the `peer` package, PeerJS server 1.0.2) on loopback, for peer mode and
// the interop runner. It runs in a worker thread: the package keeps timers alive and has no stop(),
// so ending the thread is the clean shutdown. The worker's code is inline, so the harness ships no
// extra file; `peer` is resolved from this package.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface LoopbackBroker {
  port: number;
  /** `ws://127.0.0.1:PORT/`, the form peer.join takes. */
  url: string;
  close(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PeerServer } = require(workerData.peerPath);
const server = PeerServer(workerData.options, (http) => {
  const a = http.address();
  parentPort.postMessage({ type: 'listening', port: typeof a === 'object' && a ? a.port : 0 });
});
// One non-JSON frame would otherwise throw out of the socket handler (spec/09-signaling.md).
server.on('error', () => {});
`;

/**
 * Starts the stock broker. Undeliverable frames expire after 1000 ms and are swept every 200 ms, so
 * a participant learns fast that a coordinator left (SIG-11 allows 15 s; PeerJS's default is 5 s).
 */
export async function startLoopbackBroker(): Promise<LoopbackBroker> {
  let peerPath: string;
  try {
    peerPath = createRequire(import.meta.url).resolve('peer');
  } catch {
    throw new Error('the `peer` package (PeerJS server) is not installed: npm install peer, or pass --broker-url');
  }
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { peerPath, options: { host: '127.0.0.1', port: 0, path: '/', expire_timeout: 1000, cleanup_out_msgs: 200 } },
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the PeerJS broker did not start within 10 s')), 10_000);
    worker.once('message', (m: { type?: string; port?: number }) => {
      clearTimeout(timer);
      if (m?.type === 'listening' && typeof m.port === 'number' && m.port > 0) resolve(m.port);
      else reject(new Error(`unexpected message from the broker thread: ${JSON.stringify(m)}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  return { port, url: `ws://127.0.0.1:${port}/`, close: async () => void (await worker.terminate()) };
}
