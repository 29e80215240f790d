// A coordinator with an identity gate over real WebRTC: an ID token whose nonce binds Bob's
// certificate and the room admits Bob, and the same token replayed by Mallory on her own
// connection is refused, because the gate hashes the certificate of the live handshake.
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT, type JWK } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { verifyIdToken } from '../../reference/certbinding/idtoken.ts';
import { certBindingNonce } from '../../reference/certbinding/nonce.ts';
import { joinRoom, type GateVerdict, type Room } from '../../reference/presence/engine.ts';
import type { LobbyStatus } from '../../reference/presence/wire.ts';
import { normalizeRoom } from '../../reference/room/normalize.ts';
import { shutdownWebRtc } from '../../reference/transport/peerjs/environment.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { fixtureCertificate, loopbackTransport, type Who } from './support/peers.ts';
import { sleep, until } from './support/time.ts';

const ROOM_NAME = 'e2e-identity-gate';
const ROOM_ID = normalizeRoom(ROOM_NAME);
const ISSUER = 'https://issuer.kibitz.test';
const AUDIENCE = 'kibitz-e2e';

const provider = (JSON.parse(readFileSync(new URL('../../vectors/fixtures/rsa-keys.json', import.meta.url), 'utf8')) as { keys: Record<string, JWK> }).keys['provider-1']!;
const JWKS = { keys: [{ kty: 'RSA', n: provider.n, e: provider.e, kid: provider.kid, alg: 'RS256', use: 'sig' }] };

interface Joined {
  transport: PeerJsRoomTransport;
  room: Room;
  lobby: LobbyStatus[];
  verdicts: GateVerdict[];
}

interface Ctx {
  broker: RunningBroker;
  joined: Joined[];
}

const test = suite<Ctx>('cert-bound identity over real WebRTC', { joined: [] } as unknown as Ctx);

async function idToken(email: string, boundTo: string): Promise<string> {
  const key = await importJWK(provider, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email, email_verified: true, nonce: certBindingNonce(boundTo, ROOM_ID) })
    .setProtectedHeader({ alg: 'RS256', kid: provider.kid!, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(email)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
}

function join(ctx: Ctx, who: Who, opts: { gate?: boolean; jwt?: string } = {}): Joined {
  const transport = loopbackTransport(ctx.broker.url, fixtureCertificate(who));
  const verdicts: GateVerdict[] = [];
  const gate = opts.gate
    ? {
        require: true,
        // The coordinator hands the verifier the fingerprint of the live connection [BIND-05].
        verify: async (jwt: string, remoteFp: string | null): Promise<GateVerdict> => {
          const r = await verifyIdToken({ jwt, jwks: JWKS, issuers: [ISSUER], audience: AUDIENCE, now: Math.floor(Date.now() / 1000), leeway: 30, maxAge: 3600, remoteFp, salt: ROOM_ID });
          const v: GateVerdict = r.ok ? 'ok' : 'fail';
          verdicts.push(v);
          return v;
        },
      }
    : undefined;
  const room = joinRoom(ROOM_NAME, { transport, ...(gate ? { gate } : {}) });
  const lobby: LobbyStatus[] = [];
  room.onLobby((st) => lobby.push(st));
  if (opts.jwt) room.setIdentityToken(opts.jwt);
  room.setSelf(true, false, who, '', `${who}-media`);
  const j = { transport, room, lobby, verdicts };
  ctx.joined.push(j);
  return j;
}

test.before(async (ctx) => {
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
});

test.after(async (ctx) => {
  for (const j of ctx.joined) {
    j.room.close();
    j.transport.closeAll();
  }
  await sleep(100);
  await ctx.broker.close();
  shutdownWebRtc();
});

test('[BIND-05] [IDT-17] [BIND-02] [BIND-04] a cert-bound ID token admits its holder and is refused when replayed on another connection', async (ctx) => {
  const alice = join(ctx, 'alice', { gate: true });
  await until(10_000, 'alice coordinates', () => alice.room.isCoordinator());

  const bobFp = fixtureCertificate('bob').fingerprint;
  const bobToken = await idToken('bob@example.test', bobFp);
  const bob = join(ctx, 'bob', { jwt: bobToken });
  await until(15_000, 'bob is admitted through the gate', () => alice.room.roster().some((m) => m.id === 'bob-media'));
  assert.ok(alice.verdicts.includes('ok'));

  // Mallory captured Bob's token and presents it over her own connection (her own certificate).
  const mallory = join(ctx, 'mallory', { jwt: bobToken });
  await until(15_000, 'mallory is told she is unverified', () => mallory.lobby.includes('unverified'));
  assert.ok(alice.verdicts.includes('fail'), 'the verifier rejected the replayed token');
  await sleep(500);
  assert.not.ok(alice.room.roster().some((m) => m.id === 'mallory-media'), 'mallory never enters the roster');
  assert.ok(bob.room.roster().some((m) => m.id === 'bob-media'));
});

test.run();
