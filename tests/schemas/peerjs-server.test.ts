// The signaling schemas against a live `peer` 1.0.2 broker (the reference PeerJS server): every
// frame it sends must decode, and it must behave as 7.3 says a broker does. The server runs in a
// child process because it leaves timers running that would keep the test process alive.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { decodeSignaling, decodeSignalingFromClient, decodeSocketQuery } from '../../reference/messages/signaling.ts';

const SERVER = `
import { PeerServer } from 'peer';
PeerServer({ port: 0, host: '127.0.0.1', expire_timeout: 200, cleanup_out_msgs: 50 }, (s) => console.log(JSON.stringify({ port: s.address().port })));
`;

let child: ChildProcess | undefined;
let port = 0;
const sockets: WebSocket[] = [];

async function startBroker(): Promise<void> {
  child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], { cwd: new URL('../../', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await Promise.race([once(child.stdout!, 'data'), new Promise((_, no) => setTimeout(() => no(new Error('broker did not start')), 10_000))])) as [Buffer];
  port = (JSON.parse(chunk.toString().split('\n')[0]!) as { port: number }).port;
}

/** A raw broker client that records every frame it receives. */
function client(query: string): { ws: WebSocket; url: string; frames: unknown[]; next: (type: string) => Promise<Record<string, unknown>> } {
  const url = `ws://127.0.0.1:${port}/peerjs?${query}`;
  const ws = new WebSocket(url);
  sockets.push(ws);
  const frames: unknown[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const f = frames.find((x) => (x as { type?: unknown }).type === type);
      if (f) return f as Record<string, unknown>;
      if (Date.now() > deadline) throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
      await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
    }
  };
  return { ws, url, frames, next };
}

const opened = (ws: WebSocket) => (ws.readyState === WebSocket.OPEN ? Promise.resolve() : once(ws, 'open').then(() => undefined));

test('[MSG-09] [MSG-13] [MSG-14] [MSG-15] frames from peer 1.0.2 decode, and the broker behaves as 7.3 says', async () => {
  await startBroker();
  try {
    const a = client('key=peerjs&id=kbz-v1-standup&token=tokA&version=1.5.5');
    assert.ok(decodeSocketQuery(a.url).ok);
    const open = await a.next('OPEN');
    assert.ok(decodeSignaling(open).ok, 'OPEN');

    const thief = client('key=peerjs&id=kbz-v1-standup&token=other&version=1.5.5');
    const taken = await thief.next('ID-TAKEN');
    assert.ok(decodeSignaling(taken).ok, 'ID-TAKEN');

    const noToken = client('key=peerjs&id=x1');
    const err = await noToken.next('ERROR');
    assert.ok(decodeSignaling(err).ok, 'ERROR');
    const badKey = client('key=nope&id=x2&token=t');
    assert.is(((await badKey.next('ERROR')).payload as { msg: string }).msg, 'Invalid key provided');

    const b = client('key=peerjs&id=3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13&token=tokB&version=1.5.5');
    await b.next('OPEN');
    await opened(b.ws);
    const offer = {
      type: 'OFFER',
      dst: 'kbz-v1-standup',
      src: 'mallory', // a client cannot choose its src [MSG-13]
      extra: 'dropped',
      payload: { sdp: { type: 'offer', sdp: 'v=0\r\n' }, type: 'data', connectionId: 'dc_abc', label: 'dc_abc', reliable: true, serialization: 'default' },
    };
    assert.ok(decodeSignalingFromClient(offer).ok);
    b.ws.send(JSON.stringify(offer));
    const relayed = await a.next('OFFER');
    assert.ok(decodeSignaling(relayed).ok, 'relayed OFFER');
    assert.is(relayed.src, '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13');
    assert.equal(Object.keys(relayed).sort(), ['dst', 'payload', 'src', 'type']);

    b.ws.send(JSON.stringify({ type: 'HEARTBEAT' }));
    b.ws.send(JSON.stringify({ ...offer, dst: 'ghost' }));
    const expire = await b.next('EXPIRE');
    assert.ok(decodeSignaling(expire).ok, 'EXPIRE');
    assert.is(expire.src, 'ghost');

    for (const c of [a, thief, noToken, badKey, b]) {
      for (const f of c.frames) assert.ok(decodeSignaling(f).ok, JSON.stringify(f));
    }
  } finally {
    for (const s of sockets) s.terminate();
    child?.kill();
  }
});

test.run();
