// Runs the stock PeerJS server (npm package `peer`) inside a worker thread. The package arms
// timers it never clears and exposes no stop(), so the only clean way to end it is to end its
// thread. Plain .mjs so the worker needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PeerServer } from 'peer';

const server = PeerServer({ ...workerData, host: workerData.host ?? '127.0.0.1', port: workerData.port ?? 0 }, (http) => {
  const addr = http.address();
  parentPort?.postMessage({ type: 'listening', port: typeof addr === 'object' && addr ? addr.port : 0 });
});
// A host application is expected to listen for errors; without a listener one non-JSON frame
// from any client throws out of the socket handler (see spec/09-signaling.md, Interoperability).
server.on('error', () => {});
