// Trophy T16: PeerJS 1.5.5 sets onopen, onmessage and onclose on its broker WebSocket, never
// onerror. In a browser an unheard error event is harmless. In Node PeerJS runs on `ws`, an
// EventEmitter, where an 'error' with no listener is thrown: a Peer destroyed while its broker
// socket is still connecting (a registration that timed out under load) ends the process with
// "WebSocket was closed before the connection was established", and so does a broker that refuses
// or resets the connection (ECONNREFUSED, ECONNRESET).
// Each case runs in a child process (the parent only watches it die). The broker here is a TCP
// listener that accepts and never answers the upgrade, so the socket stays connecting.
//   npx tsx scripts/trophies/peerjs-node-socket-error.ts      exit 0 when it reproduces
// (With GUARDED=1 the children use the reference's broker socket, reference/transport/peerjs/
// broker-socket.ts, which listens for 'error' and leaves the close that follows to PeerJS: both
// survive and the script exits 1.)
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const child = process.argv[2];

if (child) {
  const polyfill = await import('node-datachannel/polyfill');
  const WebSocket = process.env.GUARDED === '1' ? (await import('../../reference/transport/peerjs/broker-socket.ts')).BrokerSocket : (await import('ws')).default;
  Object.assign(globalThis, { RTCPeerConnection: polyfill.RTCPeerConnection, RTCSessionDescription: polyfill.RTCSessionDescription, RTCIceCandidate: polyfill.RTCIceCandidate, WebSocket });
  const { Peer } = await import('peerjs');
  const port = Number(process.argv[3]);
  const peer = new Peer('trophy-peer', { host: '127.0.0.1', port, path: '/', secure: false, debug: 0 });
  peer.on('error', () => {}); // the application listens to PeerJS's own error events
  if (child === 'destroy-while-connecting') setTimeout(() => peer.destroy(), 300);
  setTimeout(() => {
    console.log('survived');
    process.exit(0);
  }, 1500);
} else {
  // Accepts TCP and never answers the HTTP upgrade.
  const silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const silentPort = (silent.address() as { port: number }).port;
  // A port nobody listens on: take one, then free it.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));

  const run = (name: string, port: number) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, name, String(port)], { encoding: 'utf8', env: process.env, timeout: 20_000 });
    const why = /^Error: (.*)$/m.exec(r.stderr)?.[1] ?? r.stderr.trim().split('\n').at(-1) ?? '';
    const died = r.status !== 0;
    console.log(`${name}: ${died ? `the process died (exit ${r.status}): ${why}` : 'the process survived'}`);
    return died;
  };
  const a = run('destroy-while-connecting', silentPort);
  const b = run('broker-refuses', closedPort);
  silent.close();
  console.log(a && b ? 'reproduced: an unheard broker socket error ends a Node process running PeerJS' : 'not reproduced');
  process.exit(a && b ? 0 : 1);
}
