// The order of a data connection's negotiation frames (spec/11-data-connections.md 11.1): each side
// sends its OFFER or ANSWER before any CANDIDATE of that connection, since PeerJS loses a candidate
// that reaches an offerer before the ANSWER, and a receiver holds candidates that arrive before the
// description they belong to. Judged on what the reference peers put on a broker that records it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startMiniBroker, type MiniBroker } from '../broker/fixtures/mini-broker.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { fixtureCertificate, loopbackTransport } from './support/peers.ts';
import { redialOnClose } from './support/redial.ts';
import { sleep, within } from './support/time.ts';

interface Seen {
  from: string;
  type: string;
  connectionId: string;
}

interface Ctx {
  broker: MiniBroker;
  /** A broker that swaps every two consecutive frames to one destination. */
  swapping: MiniBroker;
  seen: Seen[];
  opened: PeerJsRoomTransport[];
}

const test = suite<Ctx>('negotiation order', { seen: [], opened: [] } as unknown as Ctx);

test.before(async (ctx) => {
  ctx.broker = await startMiniBroker({
    // Every OFFER, ANSWER and CANDIDATE a peer hands the broker, in the order it sent them.
    observe: (e) => {
      if (e.kind !== 'frame') return;
      const f = e.frame as { type?: unknown; payload?: { connectionId?: unknown } };
      if (f.type !== 'OFFER' && f.type !== 'ANSWER' && f.type !== 'CANDIDATE') return;
      ctx.seen.push({ from: e.id, type: f.type, connectionId: String(f.payload?.connectionId ?? '') });
    },
  });
  ctx.swapping = await startMiniBroker({ faults: { reorderRelay: true } });
});

test.after(async (ctx) => {
  for (const t of ctx.opened) t.closeAll();
  await sleep(100);
  await ctx.broker.close();
  await ctx.swapping.close();
  shutdownWebRtc();
});

/** The senders and connections whose first CANDIDATE went out before their OFFER or ANSWER. */
function candidatesFirst(seen: Seen[]): string[] {
  const described = new Set<string>();
  const early: string[] = [];
  for (const s of seen) {
    const key = `${s.from} ${s.connectionId}`;
    if (s.type !== 'CANDIDATE') described.add(key);
    else if (!described.has(key) && !early.includes(key)) early.push(key);
  }
  return early;
}

test('[WIRE-54] each side of a presence connection sends its OFFER or ANSWER before any of its CANDIDATE frames', async (ctx) => {
  const a = loopbackTransport(ctx.broker.url, fixtureCertificate('alice'));
  const b = loopbackTransport(ctx.broker.url, fixtureCertificate('bob'));
  ctx.opened.push(a, b);
  const won = await within(10_000, 'claim', a.claim('negotiation-order'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  const connected = new Promise<string>((r) => won.transport.onConnect(r));
  const client = b.connect('negotiation-order');
  const opened = new Promise<void>((r) => client.onOpen(r));
  redialOnClose(client); // a failed handshake is not what this judges (support/redial.ts)
  client.dial();
  await within(15_000, 'presence connection', connected);
  await within(15_000, 'client open', opened);
  await sleep(200); // late candidates
  const offers = ctx.seen.filter((s) => s.type === 'OFFER');
  const answers = ctx.seen.filter((s) => s.type === 'ANSWER');
  assert.ok(offers.length >= 1 && answers.length >= 1, `saw ${JSON.stringify(ctx.seen)}`);
  assert.ok(ctx.seen.some((s) => s.type === 'CANDIDATE'), 'the peers trickle candidates');
  assert.equal(candidatesFirst(ctx.seen), [], `frames in the order sent: ${JSON.stringify(ctx.seen)}`);
});

test('[WIRE-55] a CANDIDATE that reaches the answerer before its OFFER is held, and the connection opens', async (ctx) => {
  const a = loopbackTransport(ctx.swapping.url, fixtureCertificate('alice'));
  const b = loopbackTransport(ctx.swapping.url, fixtureCertificate('bob'));
  ctx.opened.push(a, b);
  const won = await within(10_000, 'claim', a.claim('negotiation-swapped'));
  if (typeof won !== 'object') throw new Error(`claim: ${won}`);
  const connected = new Promise<string>((r) => won.transport.onConnect(r));
  const client = b.connect('negotiation-swapped');
  const opened = new Promise<void>((r) => client.onOpen(r));
  const frames: unknown[] = [];
  won.transport.onMessage((_c, m) => frames.push(m));
  redialOnClose(client); // a failed handshake is not what this judges (support/redial.ts)
  client.dial();
  await within(15_000, 'presence connection', connected);
  await within(15_000, 'client open', opened);
  client.send({ t: 'ping' });
  await within(5_000, 'a frame crosses', (async () => { while (!frames.length) await sleep(50); })());
  assert.equal(frames[0], { t: 'ping' });
});

test.run();
