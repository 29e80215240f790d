// Reference peers that generate their certificate per call [SAS-18] and present that one
// certificate on every connection of the call [BIND-04]: two calls in a row never share a
// fingerprint, and within a call the fingerprint a peer binds to is the one the other end sees.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { certBindingNonce } from '../../reference/certbinding/nonce.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { freshCallCertificate, type CallCertificate } from '../../reference/transport/peerjs/certificate.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import type { ConnectionSafety } from '../../reference/transport/peerjs/fingerprints.ts';
import { loopbackTransport } from './support/peers.ts';
import { sleep, until } from './support/time.ts';

interface Call {
  certs: CallCertificate[];
  transports: PeerJsRoomTransport[];
  rooms: Room[];
}

interface Ctx {
  broker: RunningBroker;
  calls: Call[];
}

const test = suite<Ctx>('a fresh certificate per call', { calls: [] } as unknown as Ctx);

function hangUp(call: Call): void {
  for (const r of call.rooms) r.close();
  for (const t of call.transports) t.closeAll();
}

/** Two peers, each with a certificate generated for this call; returns both ends' codes. */
async function oneCall(ctx: Ctx, roomName: string): Promise<{ call: Call; atCoordinator: ConnectionSafety; atParticipant: ConnectionSafety }> {
  const call: Call = { certs: [freshCallCertificate('p'), freshCallCertificate('q')], transports: [], rooms: [] };
  ctx.calls.push(call);
  call.transports = call.certs.map((c) => loopbackTransport(ctx.broker.url, c));
  const [tp, tq] = call.transports as [PeerJsRoomTransport, PeerJsRoomTransport];
  const p = joinRoom(roomName, { transport: tp });
  call.rooms.push(p);
  p.setSelf(true, false, 'P', '', 'p-media');
  await until(10_000, 'p coordinates', () => p.isCoordinator());
  const q = joinRoom(roomName, { transport: tq });
  call.rooms.push(q);
  q.setSelf(true, false, 'Q', '', 'q-media');
  const atParticipant = await until(15_000, 'q connected', () => tq.safety().get(`kbz-v1-${roomName}`));
  const atCoordinator = await until(10_000, 'code at p', () => tp.safety().get(tq.presenceId()!));
  return { call, atCoordinator, atParticipant };
}

test.before(async (ctx) => {
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
});

test.after(async (ctx) => {
  for (const c of ctx.calls) hangUp(c);
  await sleep(100);
  await ctx.broker.close();
  shutdownWebRtc();
});

test('[SAS-18] [BIND-04] [BIND-01] each call uses new certificates; within a call the bound fingerprint is the one on the wire', async (ctx) => {
  const first = await oneCall(ctx, 'e2e-fresh-one');
  const [p1, q1] = first.call.certs as [CallCertificate, CallCertificate];
  assert.is(first.atCoordinator.code, first.atParticipant.code);
  assert.is(first.atCoordinator.remote, q1.fingerprint, 'q presents the certificate it generated');
  assert.is(first.atParticipant.remote, p1.fingerprint);
  // A nonce q computes from its own certificate is the nonce p computes from the wire [BIND-04].
  assert.is(certBindingNonce(first.call.transports[1]!.localFingerprint, 'e2e-fresh-one'), certBindingNonce(first.atCoordinator.remote, 'e2e-fresh-one'));
  hangUp(first.call);

  const second = await oneCall(ctx, 'e2e-fresh-two');
  const [p2, q2] = second.call.certs as [CallCertificate, CallCertificate];
  const all = new Set([p1.fingerprint, q1.fingerprint, p2.fingerprint, q2.fingerprint]);
  assert.is(all.size, 4, 'no certificate is reused across calls');
  assert.is(second.atCoordinator.code, second.atParticipant.code);
  assert.is(second.atCoordinator.remote, q2.fingerprint);
});

test.run();
