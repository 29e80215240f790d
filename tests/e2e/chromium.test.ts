// A real browser in a Kibitz room: headless Chromium joins through the stock PeerJS broker as a
// participant of a room coordinated by a Node reference peer, and both ends compute the safety
// code from the certificates of the live DTLS handshake: the browser from
// getRemoteCertificates(), Node from libdatachannel's remote fingerprint. A missing Chromium
// fails the test: openBrowserPage throws, inside the test body, never in a hook.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { BROWSER_PEER_SCRIPT, SAS_ALPHABET } from './support/browser-peer.ts';
import { openBrowserPage, type BrowserPage } from './support/chromium.ts';
import { fixtureCertificate, loopbackTransport } from './support/peers.ts';
import { until, within } from './support/time.ts';

const ROOM = 'e2e-chromium-room';

interface BrowserSafety {
  local: string;
  remote: string;
  remoteInSdp: string | null;
  pinned: string;
  indices: number[];
  code: string;
  unavailable?: string;
}

/** What the page script (support/browser-peer.ts) puts on `window`. */
interface PageWindow {
  kbz: {
    start(cfg: { host: string; port: number; path: string; authorityId: string }): Promise<string>;
    send(msg: unknown): void;
    framesOf(t: string): { members: { id: string }[] }[];
    safety(alphabet: string[]): Promise<BrowserSafety>;
    close(): void;
  };
}

interface Ctx {
  broker?: RunningBroker;
  browser?: BrowserPage;
  transport?: PeerJsRoomTransport;
  room?: Room;
}

const test = suite<Ctx>('Chromium as a participant over a real broker', {});

test.after(async (ctx) => {
  if (ctx.browser) await within(5_000, 'browser hangs up', ctx.browser.page.evaluate(() => (window as unknown as PageWindow).kbz.close())).catch(() => {});
  await ctx.browser?.close().catch(() => {});
  ctx.room?.close();
  ctx.transport?.closeAll();
  await ctx.broker?.close();
  shutdownWebRtc();
});

test('[SAS-01] [SAS-02] [SAS-03] [SAS-17] [BIND-04] [SIG-07] [SIG-22] Chromium joins a room coordinated by a Node peer; both compute the same safety code from the live certificates', async (ctx) => {
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
  const alice = fixtureCertificate('alice');
  ctx.transport = loopbackTransport(ctx.broker.url, alice);
  const room = (ctx.room = joinRoom(ROOM, { transport: ctx.transport }));
  room.setSelf(true, false, 'Alice', '', 'alice-media');
  await until(10_000, 'alice coordinates', () => room.isCoordinator());

  ctx.browser = await openBrowserPage([BROWSER_PEER_SCRIPT]);
  const page = ctx.browser.page;
  const browserId = await within(
    15_000,
    'browser joins',
    page.evaluate((cfg) => (window as unknown as PageWindow).kbz.start(cfg), {
      host: '127.0.0.1', port: ctx.broker.port, path: '/', authorityId: `kbz-v1-${ROOM}`,
    }),
  );
  // Announce the way upstream's client does; the coordinator adds the member to its roster.
  await within(
    5_000,
    'browser announces',
    page.evaluate(() =>
      (window as unknown as PageWindow).kbz.send({ t: 'voice', on: true, cam: false, name: 'Chromium', avatar: '', voiceId: 'chromium-media' }),
    ),
  );
  await until(10_000, 'coordinator rosters the browser', () => room.roster().some((m) => m.id === 'chromium-media' && m.name === 'Chromium'));
  await until(10_000, 'the browser receives a roster with itself in it', () =>
    within(5_000, 'reading browser frames', page.evaluate(() =>
      (window as unknown as PageWindow).kbz
        .framesOf('roster')
        .some((f) => f.members.some((m) => m.id === 'chromium-media') && f.members.some((m) => m.id === 'alice-media')),
    )),
  );

  const inBrowser = await within(
    5_000,
    'browser safety code',
    page.evaluate((a) => (window as unknown as PageWindow).kbz.safety(a), SAS_ALPHABET),
  );
  assert.is(inBrowser.unavailable, undefined, 'the browser reads exactly one remote certificate');
  const inNode = ctx.transport.safety().get(browserId);
  if (!inNode) throw new Error(`no safety code at the coordinator for connection ${browserId}`);

  // Same code on both ends, computed independently (page script vs reference).
  assert.is(inBrowser.code, inNode.code);
  assert.equal(inBrowser.indices, inNode.indices);
  // Each end names the other's real certificate: Alice's fixture, and the one the browser pinned.
  assert.is(inBrowser.remote, alice.fingerprint);
  assert.is(inNode.local, alice.fingerprint);
  assert.is(inNode.remote, inBrowser.pinned, 'the browser presents the certificate it pinned for the call');
  assert.is(inNode.remote, inBrowser.local);
  // The full remote fingerprint is there to compare, not only 20 bits of it [SAS-17].
  assert.match(inBrowser.remote, /^[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/);
  assert.match(inNode.remote, /^[0-9a-f]{2}(?::[0-9a-f]{2}){31}$/);
});

test.run();
