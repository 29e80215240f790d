// The data plane between Node reference peers and a real browser: headless Chromium joins the room
// (presence through the stock PeerJS broker) and builds the mesh of chapter 14 with its own PeerJS
// bundle, the way upstream's client does. Chat flows both ways, a directed message reaches only
// its recipient, and a from the browser forges is attributed to the browser's own media id.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { DataPlane, type Member } from '../../reference/transport/peerjs/data-plane.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import { MeshPeer } from '../../reference/transport/peerjs/mesh-peer.ts';
import { brokerFromUrl, peerOptions } from '../../reference/transport/peerjs/options.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { openBrowserPage, type BrowserPage } from './support/chromium.ts';
import { BROWSER_MESH_SCRIPT } from './support/dataplane-browser.ts';
import { fixtureCertificate, loopbackTransport, type Who } from './support/peers.ts';
import { sleep, until, within } from './support/time.ts';

const ROOM = 'e2e-dataplane-chromium';

interface NodePeer {
  transport: PeerJsRoomTransport;
  room: Room;
  mesh: MeshPeer;
  plane: DataPlane;
  content: JsonObject[];
  raw: unknown[];
}

interface PageWindow {
  kbzMesh: {
    start(cfg: { host: string; port: number; path: string; authorityId: string; name: string }): Promise<string>;
    send(msg: unknown, to?: string): string[];
    linked(id: string): boolean;
    state: { received: { from: string; channel: string; msg: JsonObject }[]; errors: string[] };
    close(): void;
  };
}

interface Ctx {
  broker?: RunningBroker;
  browser?: BrowserPage;
  nodes: NodePeer[];
  started: number;
}

const test = suite<Ctx>('the data plane with a browser peer', { nodes: [] } as unknown as Ctx);

async function join(ctx: Ctx, who: Who): Promise<NodePeer> {
  const certificate = fixtureCertificate(who);
  const transport = loopbackTransport(ctx.broker!.url, certificate);
  const mesh = await MeshPeer.start(peerOptions({ broker: brokerFromUrl(ctx.broker!.url), certificate, bindAddress: '127.0.0.1' }));
  const plane = new DataPlane(mesh);
  const room = joinRoom(ROOM, { transport });
  const p: NodePeer = { transport, room, mesh, plane, content: [], raw: [] };
  mesh.events({ raw: (_from, _channel, data) => p.raw.push(data) });
  plane.onContent((v) => p.content.push(v));
  room.onRoster((members) =>
    plane.setRoster(members.map((m): Member => {
      const kbz = (m.meta as JsonObject | undefined)?.['~kbz'] as JsonObject | undefined;
      return { id: m.id, name: m.name, features: Array.isArray(kbz?.f) ? (kbz.f as string[]) : [] };
    })),
  );
  room.setSelf(true, false, who, '', mesh.id, { '~kbz': { v: '0.2.0', b: 'e2e', p: 1, f: ['chat.v1', 'app.v1', 'xfer.v1', 'xfer.v2', 'xfer.resume'] } });
  return p;
}

const page = (ctx: Ctx) => ctx.browser!.page;

test.after(async (ctx) => {
  if (ctx.browser) await within(5_000, 'browser hangs up', page(ctx).evaluate(() => (window as unknown as PageWindow).kbzMesh.close())).catch(() => {});
  await ctx.browser?.close().catch(() => {});
  for (const n of ctx.nodes) {
    n.plane.close();
    await n.mesh.close().catch(() => {});
    n.room.close();
    n.transport.closeAll();
  }
  await sleep(100);
  await ctx.broker?.close();
  shutdownWebRtc();
  console.log(`  (data plane with Chromium: ${((Date.now() - ctx.started) / 1000).toFixed(1)} s)`);
});

test('[WIRE-04] [WIRE-05] [MESH-02] [MESH-03] [CONT-01] [CONT-07] [CONT-02] Chromium meshes with two Node peers: chat both ways, a directed line only its recipient sees, a forged from attributed to the browser', async (ctx) => {
  ctx.started = Date.now();
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
  const alice = await join(ctx, 'alice');
  ctx.nodes.push(alice);
  await until(10_000, 'alice coordinates', () => alice.room.isCoordinator());
  const bob = await join(ctx, 'bob');
  ctx.nodes.push(bob);

  ctx.browser = await openBrowserPage([BROWSER_MESH_SCRIPT]);
  const browserId = await within(
    20_000,
    'browser joins',
    page(ctx).evaluate((cfg) => (window as unknown as PageWindow).kbzMesh.start(cfg), { host: '127.0.0.1', port: ctx.broker.port, path: '/', authorityId: `kbz-v1-${ROOM}`, name: 'Chromium' }),
  );
  await until(20_000, 'rosters of three', () => [alice, bob].every((n) => n.room.roster().length === 3));
  await until(30_000, 'alice and bob have open bulk connections to the browser', () => [alice, bob].every((n) => n.mesh.isOpen(browserId, 'bulk')));
  await until(15_000, 'the browser sees both links open', () =>
    page(ctx).evaluate(([a, b]) => (window as unknown as PageWindow).kbzMesh.linked(a!) && (window as unknown as PageWindow).kbzMesh.linked(b!), [alice.mesh.id, bob.mesh.id]),
  );

  // Node to browser.
  alice.plane.send({ k: 'chat', text: 'hello chromium', mid: `${alice.mesh.id}#1`, ts: Date.now() });
  await until(10_000, 'the browser has alice\'s line', () =>
    page(ctx).evaluate((id) => (window as unknown as PageWindow).kbzMesh.state.received.some((r) => r.from === id && r.msg.text === 'hello chromium'), alice.mesh.id),
  );

  // Browser to Node, forging alice as the author.
  const reached = await page(ctx).evaluate(([a]) => (window as unknown as PageWindow).kbzMesh.send({ k: 'chat', text: 'hello from chromium', from: a, name: 'Alice', mid: `${a}#9`, ts: Date.now() }), [alice.mesh.id]);
  assert.equal([...reached].sort(), [alice.mesh.id, bob.mesh.id].sort());
  const line = await until(10_000, 'bob has the browser\'s line', () => bob.content.find((v) => v.k === 'chat' && v.text === 'hello from chromium'));
  assert.is(line.sender, browserId, 'attributed to the browser\'s connection, not to the forged from');

  // A directed message from the browser to alice only: bob's transport sees nothing of it.
  const rawAtBob = bob.raw.length;
  await page(ctx).evaluate(([a]) => (window as unknown as PageWindow).kbzMesh.send({ k: 'app', data: { secret: 'browser-to-alice-only' } }, a), [alice.mesh.id]);
  await until(10_000, 'alice has the directed app message', () => alice.content.find((v) => v.k === 'app' && (v.data as JsonObject).secret === 'browser-to-alice-only' && v.sender === browserId));
  await sleep(800);
  assert.not.ok(bob.raw.slice(rawAtBob).some((d) => JSON.stringify(d ?? null).includes('browser-to-alice-only')));
});

test.run();
