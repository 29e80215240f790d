// The PeerJS transport on its own, against the stock broker: the three claim outcomes, the
// broker-vouched connection id, EXPIRE as "nobody holds the id", and the live certificate.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startMiniBroker, type MiniBroker } from '../broker/fixtures/mini-broker.ts';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import { brokerFromUrl } from '../../reference/transport/peerjs/options.ts';
import { createPeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { fixtureCertificate, loopbackTransport } from './support/peers.ts';
import { startMuteBroker, type MuteBroker } from './support/mute-broker.ts';
import { redialOnClose } from './support/redial.ts';
import { sleep, until, within } from './support/time.ts';

interface Ctx {
  broker: RunningBroker;
  mute: MuteBroker;
  mini: MiniBroker;
  opened: PeerJsRoomTransport[];
  /** What the observing broker saw: registration URLs (with when each socket connected) and heartbeat times. */
  seen: { urls: string[]; registeredAt: Map<string, number>; heartbeats: { id: string; at: number }[] };
  /** A registration kept open across the whole suite, to watch its heartbeats. */
  watched: { transport: PeerJsRoomTransport; at: number };
}

const test = suite<Ctx>('PeerJS room transport', { opened: [], seen: { urls: [], registeredAt: new Map(), heartbeats: [] } } as unknown as Ctx);
const track = (ctx: Ctx, t: PeerJsRoomTransport) => (ctx.opened.push(t), t);

test.before(async (ctx) => {
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
  ctx.mute = await startMuteBroker();
  ctx.mini = await startMiniBroker({
    observe: (e) => {
      if (e.kind === 'register') {
        ctx.seen.urls.push(e.url);
        ctx.seen.registeredAt.set(e.url, Date.now());
      }
      else if ((e.frame as { type?: unknown })?.type === 'HEARTBEAT') ctx.seen.heartbeats.push({ id: e.id, at: Date.now() });
    },
  });
  // Registered now and checked by the last test, so waiting for a 5 s heartbeat costs little.
  const transport = loopbackTransport(ctx.mini.url, fixtureCertificate('carol'));
  if (typeof (await transport.claim('transport-heartbeat')) !== 'object') throw new Error('could not register the watched peer');
  ctx.watched = { transport, at: Date.now() };
});

test.after.each((ctx) => {
  for (const t of ctx.opened.splice(0)) t.closeAll();
});

test.after(async (ctx) => {
  await sleep(100); // let destroyed peers' sockets finish closing before the servers go
  await ctx.broker.close();
  ctx.watched?.transport.closeAll();
  await ctx.mute.close();
  await ctx.mini.close();
  shutdownWebRtc();
});

test('[SIG-20] [SIG-05] the first claim of an authority id wins; a second claimant is told "taken"', async (ctx) => {
  const a = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('alice')));
  const b = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('bob')));
  const first = await within(10_000, 'first claim', a.claim('transport-claim'));
  assert.type(first, 'object');
  assert.is(await within(10_000, 'second claim', b.claim('transport-claim')), 'taken');
  assert.is(b.lastClaimError(), 'signaling.id-taken');
});

test('[SIG-20] [SIG-06] a broker that refuses the registration makes the claim an error (signaling.broker-error)', async (ctx) => {
  const t = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('alice'), { key: 'not-the-key' }));
  assert.is(await within(10_000, 'claim', t.claim('transport-refused')), 'error');
  assert.is(t.lastClaimError(), 'signaling.broker-error');
});

test('[SIG-20] [SIG-21] a broker that never answers makes the claim an error after the bound, and the socket is closed', async (ctx) => {
  const url = `ws://127.0.0.1:${ctx.mute.port}/`;
  const t = track(ctx, loopbackTransport(url, fixtureCertificate('alice'), { registerTimeoutMs: 800 }));
  const t0 = Date.now();
  assert.is(await within(10_000, 'claim', t.claim('transport-mute')), 'error');
  assert.is(t.lastClaimError(), 'signaling.claim-timeout');
  assert.ok(Date.now() - t0 >= 700, 'the claim waited for the bound');
  await until(10_000, 'the claimant closes its socket', () => ctx.mute.openSockets() === 0);
});

test('[SIG-13] [SIG-11] dialling an authority id nobody holds reports "unavailable" (EXPIRE)', async (ctx) => {
  const t = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('bob')));
  const client = t.connect('transport-nobody-here');
  const unavailable = new Promise<string>((r) => client.onUnavailable(r));
  client.dial();
  assert.is(await within(15_000, 'peer-unavailable', unavailable), 'signaling.peer-unavailable');
});

test('[SIG-10] [SAS-01] [HCMD-10] the coordinator keys a participant by its broker id and reads its live certificate', async (ctx) => {
  const alice = fixtureCertificate('alice');
  const bob = fixtureCertificate('bob');
  const a = track(ctx, loopbackTransport(ctx.broker.url, alice));
  const b = track(ctx, loopbackTransport(ctx.broker.url, bob));
  const won = await within(10_000, 'claim', a.claim('transport-keys'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  const auth = won.transport;
  const connected = new Promise<string>((r) => auth.onConnect(r));
  const frames: unknown[] = [];
  auth.onMessage((_c, m) => frames.push(m));
  const client = b.connect('transport-keys');
  const opened = new Promise<void>((r) => client.onOpen(r));
  redialOnClose(client); // a failed handshake is not what this judges (support/redial.ts)
  client.dial();
  const conn = await within(10_000, 'presence connection', connected);
  await within(10_000, 'client open', opened);
  assert.is(conn, client.presenceId(), 'connection id = the src the broker wrote = the presence peer id');
  assert.is(await auth.remoteFingerprint(conn), bob.fingerprint, 'the certificate bob presented in the handshake');
  assert.is(await auth.remoteFingerprint('nobody'), null);
  client.send({ t: 'ping' });
  await until(10_000, 'frame arrives', () => frames.length > 0);
  assert.equal(frames[0], { t: 'ping' });
});

test('[SIG-17] [SIG-25] closing the coordinator releases the authority id: another peer claims it right away', async (ctx) => {
  const a = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('alice')));
  const b = track(ctx, loopbackTransport(ctx.broker.url, fixtureCertificate('bob')));
  const won = await within(10_000, 'claim', a.claim('transport-release'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  won.transport.close();
  const t0 = Date.now();
  const next = await until(15_000, 'reclaim', async () => {
    const r = await b.claim('transport-release');
    return typeof r === 'object' ? r : false;
  }, 100);
  // An id that is not released stays held as long as its socket lives (heartbeats keep it alive),
  // so a bound far below any broker timeout tells the two apart, however loaded the machine.
  assert.ok(Date.now() - t0 < 10_000, `reclaimed after ${Date.now() - t0} ms`);
  next.transport.close();
});

test('[SIG-23] [SIG-24] a coordinator that loses its broker socket re-registers, and steps down when the id was taken meanwhile', async (ctx) => {
  const a = track(ctx, loopbackTransport(ctx.mini.url, fixtureCertificate('alice')));
  const won = await within(10_000, 'claim', a.claim('transport-split'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  const gone = new Promise<string>((r) => won.transport.onGone(r));
  // The broker drops the coordinator's socket and someone else holds the id before it returns.
  assert.ok(ctx.mini.steal('kbz-v1-transport-split'));
  assert.is(await within(15_000, 'coordinator steps down', gone), 'signaling.authority-reclaimed');
});

test('[SIG-14] [SIG-26] claim and dial go to one broker; a LEAVE naming the coordinator closes the connection to it', async (ctx) => {
  const a = track(ctx, loopbackTransport(ctx.mini.url, fixtureCertificate('alice')));
  const b = track(ctx, loopbackTransport(ctx.mini.url, fixtureCertificate('bob')));
  const won = await within(10_000, 'claim', a.claim('transport-leave'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  const client = b.connect('transport-leave');
  const opened = new Promise<void>((r) => client.onOpen(r));
  redialOnClose(client); // a failed handshake is not what this judges (support/redial.ts)
  client.dial();
  await within(10_000, 'open', opened);
  const closed = new Promise<void>((r) => client.onClosed(r)); // from here on, a close is the LEAVE's
  const presence = client.presenceId()!;
  // Both registrations of this peer's transport reached the one broker it was given [SIG-26].
  assert.ok(ctx.seen.urls.some((u) => u.includes('id=kbz-v1-transport-leave')));
  assert.ok(ctx.seen.urls.some((u) => u.includes(`id=${presence}`)));
  assert.ok(ctx.mini.leave(presence, 'kbz-v1-transport-leave'));
  await within(10_000, 'the connection to the departed peer closes', closed);
});

test('[SIG-27] a transport refuses plain ws:// to a broker off loopback unless told otherwise', () => {
  const certificate = fixtureCertificate('alice');
  assert.throws(() => createPeerJsRoomTransport({ broker: brokerFromUrl('ws://signal.example:9000/'), certificate }), /wss/);
  for (const url of ['wss://signal.example/', 'ws://127.0.0.1:9000/', 'ws://[::1]:9000/', 'ws://localhost:9000/']) {
    createPeerJsRoomTransport({ broker: brokerFromUrl(url), certificate }).closeAll();
  }
  createPeerJsRoomTransport({ broker: brokerFromUrl('ws://signal.example/'), certificate, allowInsecureBroker: true }).closeAll();
});

test('[SIG-01] [SIG-15] [MSG-11] a peer registers on <path>peerjs?key=peerjs&id&token with a strong token and sends HEARTBEAT every 5000 ms', async (ctx) => {
  const url = ctx.seen.urls.find((u) => u.includes('id=kbz-v1-transport-heartbeat'));
  if (!url) throw new Error(`no registration seen: ${ctx.seen.urls.join(' ')}`);
  const u = new URL(url, 'http://broker');
  assert.is(u.pathname, '/peerjs');
  assert.is(u.searchParams.get('key'), 'peerjs');
  assert.match(u.searchParams.get('token') ?? '', /^[0-9a-f]{32}$/, 'a 128-bit random token, not PeerJS\'s Math.random one');
  const beat = await until(12_000, 'first heartbeat', () => ctx.seen.heartbeats.find((h) => h.id === 'kbz-v1-transport-heartbeat'));
  // Timed from the moment the broker saw the socket (PeerJS starts its timer when the socket opens,
  // just after): never early, and late only by event-loop delay, which a loaded machine stretches.
  // A 10 s or slower heartbeat still fails.
  const after = beat.at - (ctx.seen.registeredAt.get(url) ?? ctx.watched.at);
  assert.ok(after >= 4_500 && after <= 8_000, `first heartbeat ${after} ms after registering`);
});

test.run();
