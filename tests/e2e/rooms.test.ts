// Three reference peers in one room over the stock PeerJS broker and real WebRTC (node-datachannel
// on loopback): election, roster convergence, safety codes from the live certificates, a
// host-signed command from a non-coordinator seat, and re-election when the coordinator leaves.
// Tests run in order and share the room.
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { normalizeRoom } from '../../reference/room/normalize.ts';
import { safetyCode } from '../../reference/sas/code.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { fixtureCertificate, loopbackTransport, type Who } from './support/peers.ts';
import { sleep, until } from './support/time.ts';

const ROOM_NAME = 'E2E Rooms';
const ROOM_ID = normalizeRoom(ROOM_NAME); // 'e2e-rooms'
const AUTHORITY = `kbz-v1-${ROOM_ID}`;
const WHO: Who[] = ['alice', 'bob', 'carol'];

interface Peer {
  who: Who;
  fp: string;
  transport: PeerJsRoomTransport;
  room: Room;
}

interface Ctx {
  broker: RunningBroker;
  hostPrivate: JWK;
  hostPublic: JWK;
  peers: Map<Who, Peer>;
  extra: Peer[];
}

const test = suite<Ctx>('three reference peers in one room', { peers: new Map(), extra: [] } as unknown as Ctx);

function join(ctx: Ctx, who: Who, name = who[0]!.toUpperCase() + who.slice(1), voiceId = `${who}-media`): Peer {
  const cert = fixtureCertificate(who);
  const transport = loopbackTransport(ctx.broker.url, cert);
  const room = joinRoom(ROOM_NAME, { transport, hostKey: ctx.hostPublic as never, identity: `${who}-identity-token` });
  room.setSelf(true, false, name, '', voiceId);
  return { who, fp: cert.fingerprint, transport, room };
}

const ids = (p: Peer) => p.room.roster().map((m) => m.id).join(',');
const sortedIds = (p: Peer) => p.room.roster().map((m) => m.id).sort().join(',');
const peer = (ctx: Ctx, who: Who) => ctx.peers.get(who)!;

test.before(async (ctx) => {
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  ctx.hostPublic = await exportJWK(publicKey);
  ctx.hostPrivate = await exportJWK(privateKey);
});

test.after(async (ctx) => {
  for (const p of [...ctx.peers.values(), ...ctx.extra]) {
    p.room.close();
    p.transport.closeAll();
  }
  await sleep(100);
  await ctx.broker.close();
  shutdownWebRtc();
});

test('[SIG-20] [SIG-22] [ROOM-03] the first peer claims the authority id and coordinates; the next two join it', async (ctx) => {
  ctx.peers.set('alice', join(ctx, 'alice'));
  await until(10_000, 'alice coordinates', () => peer(ctx, 'alice').room.isCoordinator());
  for (const who of ['bob', 'carol'] as const) ctx.peers.set(who, join(ctx, who));
  await until(15_000, 'bob and carol are connected participants', () =>
    (['bob', 'carol'] as const).every((w) => peer(ctx, w).room.status() === 'connected' && !peer(ctx, w).room.isCoordinator()),
  );
});

test('[SIG-10] the rosters of all three peers converge, and the coordinator knows each participant by its broker id', async (ctx) => {
  const all = WHO.map((w) => peer(ctx, w));
  await until(15_000, 'rosters converge', () => {
    const first = ids(all[0]!);
    return all.every((p) => ids(p) === first) && WHO.every((w) => first.includes(`${w}-media`));
  });
  const conns = [...peer(ctx, 'alice').transport.safety().keys()].sort();
  assert.equal(conns, [peer(ctx, 'bob').transport.presenceId(), peer(ctx, 'carol').transport.presenceId()].sort());
});

test('[SAS-01] [SAS-03] [SAS-04] [SAS-05] [SAS-17] both ends of every presence connection compute the same safety code from the real certificates', async (ctx) => {
  const alice = peer(ctx, 'alice');
  for (const who of ['bob', 'carol'] as const) {
    const p = peer(ctx, who);
    const atCoordinator = alice.transport.safety().get(p.transport.presenceId()!);
    const atParticipant = p.transport.safety().get(AUTHORITY);
    if (!atCoordinator || !atParticipant) throw new Error(`no safety code for the alice-${who} connection`);
    assert.is(atCoordinator.code, atParticipant.code, `alice-${who}`);
    assert.equal(atCoordinator.indices, atParticipant.indices);
    // The fingerprints are the certificates on the wire: the fixtures each peer was given.
    assert.is(atCoordinator.remote, p.fp);
    assert.is(atParticipant.remote, alice.fp);
    assert.is(atCoordinator.local, alice.fp);
    assert.is(atParticipant.local, p.fp);
    assert.is(atCoordinator.code, (safetyCode(alice.fp, p.fp) as { ok: true; value: { code: string } }).value.code);
  }
  // Different pairs, different codes (a collision of 20 bits would be a 1-in-a-million accident).
  assert.is.not(alice.transport.safety().get(peer(ctx, 'bob').transport.presenceId()!)!.code, alice.transport.safety().get(peer(ctx, 'carol').transport.presenceId()!)!.code);
});

test('[SAS-01] [SAS-10] a peer that presents another certificate under the same name gets a different code', async (ctx) => {
  // Mallory joins as "Bob" with her own certificate. Both ends of her connection agree on a code,
  // but it is not the code Bob and Alice compare, so a spoken comparison exposes her.
  const mallory = join(ctx, 'mallory', 'Bob', 'mallory-media');
  ctx.extra.push(mallory);
  await until(15_000, 'mallory connected', () => mallory.room.status() === 'connected' && mallory.transport.safety().has(AUTHORITY));
  const alice = peer(ctx, 'alice');
  const atCoordinator = await until(10_000, 'code at coordinator', () => alice.transport.safety().get(mallory.transport.presenceId()!));
  const atMallory = mallory.transport.safety().get(AUTHORITY)!;
  const genuine = alice.transport.safety().get(peer(ctx, 'bob').transport.presenceId()!)!;
  assert.is(atCoordinator.code, atMallory.code);
  assert.is(atCoordinator.remote, mallory.fp);
  assert.is.not(atCoordinator.code, genuine.code);
  assert.is.not(atCoordinator.remote, genuine.remote);
  mallory.room.close();
  await until(15_000, 'mallory leaves the roster', () => !ids(alice).includes('mallory-media'));
});

test('[HCMD-10] [BIND-04] [HCMD-08] a host-signed lock from a non-coordinator seat takes effect; one bound to another certificate does not', async (ctx) => {
  const bob = peer(ctx, 'bob');
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (fp: string, op: string) => {
    const r = signHostCommand({ privateJwk: ctx.hostPrivate, room: ROOM_ID, fp, op, now: now() });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.token;
  };
  assert.ok(peer(ctx, 'alice').room.isCoordinator(), 'alice still coordinates');
  // Bound to Carol's certificate but sent over Bob's connection: the coordinator refuses it.
  bob.room.sendModCommand(sign(peer(ctx, 'carol').fp, 'lock'));
  await sleep(1500);
  assert.ok(WHO.every((w) => !peer(ctx, w).room.isLocked()), 'a command bound to another certificate changed nothing');
  // Bound to the certificate Bob presents on every connection of the call [BIND-04].
  assert.is(bob.transport.localFingerprint, bob.fp);
  bob.room.sendModCommand(sign(bob.transport.localFingerprint, 'lock'));
  await until(10_000, 'every peer sees the room locked', () => WHO.every((w) => peer(ctx, w).room.isLocked()));
});

test('[SIG-13] [SIG-17] [SIG-20] [BIND-04] the coordinator leaves; a survivor reclaims the authority id, rosters converge, codes still match', async (ctx) => {
  const alice = peer(ctx, 'alice');
  alice.room.close();
  alice.transport.closeAll();
  const survivors = [peer(ctx, 'bob'), peer(ctx, 'carol')];
  const coordinator = await until(20_000, 'a survivor coordinates', () => survivors.find((p) => p.room.isCoordinator() && p.room.status() === 'connected'));
  const other = survivors.find((p) => p !== coordinator)!;
  await until(20_000, 'rosters converge on the survivors', () =>
    other.room.status() === 'connected' && !other.room.isCoordinator() && ids(coordinator) === ids(other) && sortedIds(other) === 'bob-media,carol-media',
  );
  const atCoordinator = await until(10_000, 'code at the new coordinator', () => coordinator.transport.safety().get(other.transport.presenceId()!));
  const atOther = await until(10_000, 'code at the participant', () => other.transport.safety().get(AUTHORITY));
  assert.is(atCoordinator.code, atOther.code);
  // The participant presents the same certificate on its new connection as on its first one.
  assert.is(atCoordinator.remote, other.fp);
  assert.is(atOther.remote, coordinator.fp);
});

test.run();
