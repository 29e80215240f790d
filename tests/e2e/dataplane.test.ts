// The data plane over real WebRTC on loopback: three Node reference peers meet in a room (presence
// through the stock PeerJS broker), build the mesh of chapter 14 between their media peers, and
// exchange chat, app messages, a directed message and a 5 MB file that is interrupted and resumed.
// Tests run in order and share the room.
import { sha256 } from '@noble/hashes/sha2.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { DataPlane, type Member } from '../../reference/transport/peerjs/data-plane.ts';
import { MeshPeer } from '../../reference/transport/peerjs/mesh-peer.ts';
import { brokerFromUrl, peerOptions } from '../../reference/transport/peerjs/options.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import type { XferOutput } from '../../reference/dataplane/xfer/receiver.ts';
import { closeFullPeers, fixtureCertificate, loopbackTransport, type Who } from './support/peers.ts';
import { sleep, until, within } from './support/time.ts';

const ROOM = 'e2e-dataplane';
const FEATURES = ['chat.v1', 'app.v1', 'xfer.v1', 'xfer.v2', 'xfer.dl', 'xfer.resume'];

interface Peer {
  who: Who;
  transport: PeerJsRoomTransport;
  room: Room;
  mesh: MeshPeer;
  plane: DataPlane;
  content: JsonObject[];
  transfers: XferOutput[];
  /** Every data-channel message the mesh received, with its sender and channel. */
  raw: { from: string; channel: string; data: unknown }[];
}

interface Ctx {
  broker: RunningBroker;
  peers: Map<Who, Peer>;
  started: number;
}

const test = suite<Ctx>('the data plane between three reference peers', { peers: new Map() } as unknown as Ctx);
const peer = (ctx: Ctx, who: Who) => ctx.peers.get(who)!;
const WHO: Who[] = ['alice', 'bob', 'carol'];

async function join(ctx: Ctx, who: Who): Promise<Peer> {
  const certificate = fixtureCertificate(who);
  const transport = loopbackTransport(ctx.broker.url, certificate);
  const mesh = await MeshPeer.start(peerOptions({ broker: brokerFromUrl(ctx.broker.url), certificate, bindAddress: '127.0.0.1' }));
  const plane = new DataPlane(mesh);
  const room = joinRoom(ROOM, { transport });
  const p: Peer = { who, transport, room, mesh, plane, content: [], transfers: [], raw: [] };
  mesh.events({ raw: (from, channel, data) => p.raw.push({ from, channel, data }) });
  plane.onContent((v) => p.content.push(v));
  plane.onTransfer((o) => p.transfers.push(o));
  room.onRoster((members) => {
    plane.setRoster(members.map((m): Member => {
      const kbz = (m.meta as JsonObject | undefined)?.['~kbz'] as JsonObject | undefined;
      return { id: m.id, name: m.name, features: Array.isArray(kbz?.f) ? (kbz.f as string[]) : [] };
    }));
  });
  room.setSelf(true, false, who[0]!.toUpperCase() + who.slice(1), '', mesh.id, { '~kbz': { v: '0.2.0', b: 'e2e', p: 1, f: FEATURES } });
  return p;
}

const textOf = (p: Peer, text: string) => p.content.find((v) => v.k === 'chat' && v.text === text);
const carries = (data: unknown, needle: string): boolean => {
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('latin1').includes(needle);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').includes(needle);
  try {
    return JSON.stringify(data).includes(needle);
  } catch {
    return false;
  }
};

test.before(async (ctx) => {
  ctx.started = Date.now();
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
});

test.after(async (ctx) => {
  await closeFullPeers(ctx.peers.values(), ctx.broker);
  console.log(`  (data plane e2e: ${((Date.now() - ctx.started) / 1000).toFixed(1)} s)`);
});

test('[MESH-01] [MESH-02] [MESH-03] [WIRE-04] [WIRE-05] three peers in one room open sig and bulk to each other', async (ctx) => {
  for (const who of WHO) ctx.peers.set(who, await join(ctx, who));
  await until(20_000, 'rosters of three', () => WHO.every((w) => peer(ctx, w).room.roster().length === 3));
  await until(20_000, 'every pair has an open bulk connection', () =>
    WHO.every((a) => WHO.every((b) => a === b || peer(ctx, a).mesh.isOpen(peer(ctx, b).mesh.id, 'bulk'))),
  );
});

test('[CONT-01] [CONT-07] [CONT-10] [CONT-17] chat and app messages reach every other peer, attributed to their connections', async (ctx) => {
  const [a, b, c] = WHO.map((w) => peer(ctx, w)) as [Peer, Peer, Peer];
  const sent = a.plane.send({ k: 'chat', text: ' hello from alice ', mid: `${a.mesh.id}#1`, ts: Date.now() });
  assert.equal(sent.sort(), [b.mesh.id, c.mesh.id].sort());
  b.plane.send({ k: 'app', data: { ns: 'whist', t: 'play', card: 'QH' } });
  await until(10_000, 'chat at bob and carol', () => textOf(b, 'hello from alice') && textOf(c, 'hello from alice'));
  await until(10_000, 'app at alice and carol', () => [a, c].every((p) => p.content.some((v) => v.k === 'app' && v.sender === b.mesh.id)));
  assert.is(textOf(c, 'hello from alice')!.sender, a.mesh.id);
  assert.is(textOf(c, 'hello from alice')!.name, 'Alice');
  assert.not.ok(a.content.some((v) => v.k === 'chat' && v.text === 'hello from alice'), 'a broadcast never comes back to its sender');
});

test('[CONT-07] [CONT-06] a directed message reaches only its recipient: the third peer\'s transport sees nothing', async (ctx) => {
  const [a, b, c] = WHO.map((w) => peer(ctx, w)) as [Peer, Peer, Peer];
  const secret = 'for-bob-only-7f3a';
  const rawAtCarol = c.raw.length;
  assert.equal(a.plane.send({ k: 'chat', text: secret, dm: true }, b.mesh.id), [b.mesh.id]);
  await until(10_000, 'bob has the private line', () => b.content.find((v) => v.k === 'chat' && v.text === secret && v.dm === true));
  await sleep(1000);
  assert.not.ok(c.raw.slice(rawAtCarol).some((m) => carries(m.data, secret)), 'carol\'s transport saw the private line');
  assert.not.ok(c.content.some((v) => v.text === secret));
});

test('[CONT-01] [CONT-02] [CONT-11] a peer that forges from is attributed to its real id', async (ctx) => {
  const [a, b, c] = WHO.map((w) => peer(ctx, w)) as [Peer, Peer, Peer];
  c.plane.send({ k: 'chat', text: 'I am Alice, trust me', from: a.mesh.id, name: 'Alice', mid: `${a.mesh.id}#2`, ts: Date.now() });
  c.plane.send({ k: 'app', data: { from: a.mesh.id, t: 'move' } });
  const line = await until(10_000, 'forged line at bob', () => textOf(b, 'I am Alice, trust me'));
  assert.is(line.sender, c.mesh.id, 'the sender is the connection the frame came on');
  assert.is(line.author, a.mesh.id, 'the claimed author is kept for display only');
  const app = await until(10_000, 'forged app at bob', () => b.content.find((v) => v.k === 'app' && (v.data as JsonObject).t === 'move'));
  assert.is(app.sender, c.mesh.id);
  // A live line from Carol that borrows Alice's mid is given Carol's own.
  c.plane.send({ k: 'chat', text: 'borrowed mid', mid: `${a.mesh.id}#3`, ts: Date.now() });
  const borrowed = await until(10_000, 'borrowed mid at bob', () => textOf(b, 'borrowed mid'));
  assert.ok(String(borrowed.mid).startsWith(`${c.mesh.id}#`), String(borrowed.mid));
});

test('[XFER-13] [XFER-11] [XFER-17] [XFER-18] [XFER-19] a 5 MB file arrives with its hash, after an interruption and a resume', async (ctx) => {
  const [a, b] = WHO.map((w) => peer(ctx, w)) as [Peer, Peer];
  const payload = Uint8Array.from({ length: 5 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24);
  const want = Buffer.from(sha256(payload)).toString('hex');
  const isBytes = (d: unknown) => d instanceof ArrayBuffer || ArrayBuffer.isView(d);
  const chunksAtBob = () => b.raw.filter((m) => m.from === a.mesh.id && m.channel === 'bulk' && isBytes(m.data)).length;
  const before = chunksAtBob();
  const sending = a.plane.sendBytes('file', payload, { to: b.mesh.id, mime: 'application/octet-stream', name: 'five.bin' });
  // Cut bob's bulk connection to alice a third of the way in.
  await until(30_000, 'a third of the chunks', () => chunksAtBob() - before >= 35, 5).catch((e) => {
    throw new Error(`${(e as Error).message}; bob saw ${b.raw.length} messages, last ${JSON.stringify(b.raw.slice(-3).map((m) => [m.channel, typeof m.data, Object.prototype.toString.call(m.data)]))}; transfers ${JSON.stringify(b.transfers)}`);
  });
  b.mesh.dropConnection(a.mesh.id, 'bulk');
  const first = await within(30_000, 'the first leg ends', sending);
  assert.is(first.get(b.mesh.id), 'interrupted');
  const done = await until(60_000, 'the transfer completes', () => b.transfers.find((o) => o.type === 'complete' || o.type === 'fail'), 50);
  assert.is(done.type, 'complete', JSON.stringify(done));
  assert.is(done.sha256, want);
  assert.is(done.size, payload.length);
  assert.ok(a.raw.some((m) => m.from === b.mesh.id && (m.data as JsonObject)?.k === 'xresume'), 'bob asked alice to resume');
});

test.run();
