// A "broker" that accepts WebSocket registrations and never answers: the case upstream guards
// against with its 8 s claim timeout. It counts open sockets so a test can see a claimant leave.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface MuteBroker {
  port: number;
  openSockets(): number;
  close(): Promise<void>;
}

export async function startMuteBroker(): Promise<MuteBroker> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => ws.on('error', () => {}));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    port: (http.address() as AddressInfo).port,
    openSockets: () => [...wss.clients].filter((c) => c.readyState === c.OPEN).length,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
