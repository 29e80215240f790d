// The implementation as a coordinator with an identity gate (chapter 5 on a live connection): an ID
// token whose nonce binds the presenting observer's certificate lets it in; the same token
// presented over another connection (another certificate) is refused.
import { randomBytes } from 'node:crypto';
import type { Link } from '../observer/link.ts';
import { poll, sleep } from '../observer/wait.ts';
import { boundIdToken, testGate } from '../judge/idtoken.ts';
import { scenario, SetupFailed, type PeerEnv, type RoomNames } from '../scenario.ts';
import { fail, pass, stateUntil, tOf } from './common.ts';
import { keepAlive } from './keepalive.ts';

interface Ctx {
  room: RoomNames;
  peer: string;
  alphaJwt: string | null;
}

async function dial(env: PeerEnv, room: RoomNames): Promise<Link> {
  const obs = await env.observer();
  // Like a participant whose dial does not open (PRES-37), the observer dials a second time.
  let link: Link | null = null;
  for (let attempt = 0; attempt < 2 && !link?.opened; attempt++) {
    link?.close();
    link = obs.dial(room.authority);
    for (let i = 0; i < env.timeouts.connectMs / 100 && !link.opened; i++) await sleep(50);
  }
  if (!link?.opened) throw new SetupFailed(`no data connection to ${room.authority} in two dials of ${env.timeouts.connectMs / 2} ms`, 'fail', 'SIG-10');
  return link;
}

/** Knocks and announces, and keeps re-announcing as a participant does (a busy gate drops frames). */
function announce(link: Link, name: string, voiceId: string, jwt?: string): void {
  const token = `tok-${randomBytes(8).toString('hex')}`;
  const cred = jwt ? { jwt } : {};
  link.send({ t: 'knock', name, avatar: '', token, voiceId, ...cred });
  const voice = { t: 'voice', on: true, cam: false, name, avatar: '', voiceId, token, ...cred };
  link.send(voice);
  keepAlive(link, voice);
}

/** Alpha's connection and its bound token, made on first need (so any step runs alone). */
async function alphaToken(c: Ctx, env: PeerEnv): Promise<string> {
  if (c.alphaJwt) return c.alphaJwt;
  const alpha = await dial(env, c.room);
  const fp = alpha.localFingerprint();
  if (!fp) throw new SetupFailed('the observer has no local fingerprint');
  c.alphaJwt = boundIdToken('alpha@example.test', fp, c.room.id);
  announce(alpha, 'Alpha', 'alpha-media', c.alphaJwt);
  return c.alphaJwt;
}

export const identityScenario = scenario<Ctx>({
  id: 'peer.identity',
  description: 'the implementation coordinates a room with an identity gate',
  async setup(env) {
    const room = env.room('identity');
    const { peer } = await env.iut.join({ broker: env.brokerUrl, room: room.name, voiceId: `impl-${randomBytes(4).toString('hex')}`, name: 'Gatekeeper', gate: testGate() as never });
    const s = await stateUntil(env.iut, peer, env.timeouts.connectMs, (st) => st.coordinator && st.status === 'connected');
    if (!s.ok) throw new SetupFailed('the first peer of a fresh room did not become its coordinator', 'fail', 'PRES-45');
    return { room, peer, alphaJwt: null };
  },
  steps: [
    {
      id: 'peer.identity.bound',
      covers: ['BIND-05', 'IDT-17', 'PRES-10'],
      description: 'an ID token bound to the presenting connection\'s certificate passes the gate; no token holds quietly',
      async run(c, env) {
        await alphaToken(c, env);
        const nobody = await dial(env, c.room);
        announce(nobody, 'Nobody', 'nobody-media');
        const s = await stateUntil(env.iut, c.peer, env.timeouts.connectMs, (st) => st.roster?.members.some((m) => m.id === 'alpha-media') === true);
        if (!s.ok) return fail('BIND-05', 'a token bound to the certificate of the connection it came on did not pass the gate', { actual: s.state.roster });
        await sleep(500);
        const s2 = await env.iut.state(c.peer);
        if (s2.roster?.members.some((m) => m.id === 'nobody-media')) return fail('PRES-10', 'a joiner without an ID token passed the gate', { actual: s2.roster });
        const told = nobody.received().find((f) => tOf(f) === 'lobby');
        if (told) return fail('PRES-10', 'a joiner without an ID token was answered instead of held quietly', { actual: told.value, link: nobody });
        return pass();
      },
    },
    {
      id: 'peer.identity.replayed',
      covers: ['IDT-17', 'BIND-05', 'PRES-10'],
      description: 'the same ID token presented over another connection is refused (lobby unverified)',
      async run(c, env) {
        const jwt = await alphaToken(c, env);
        const mallory = await dial(env, c.room);
        announce(mallory, 'Alpha', 'mallory-media', jwt);
        // Whichever comes first: the refusal, or mallory in the roster.
        await poll(env.timeouts.connectMs, async () => mallory.received().some((f) => tOf(f) === 'lobby') || (await env.iut.state(c.peer)).roster?.members.some((m) => m.id === 'mallory-media'), 150);
        const told = mallory.received().find((f) => tOf(f) === 'lobby');
        const s = await env.iut.state(c.peer);
        if (s.roster?.members.some((m) => m.id === 'mallory-media')) return fail('IDT-17', 'a token bound to another certificate passed the gate', { actual: s.roster, link: mallory });
        if ((told?.value as { status?: unknown } | undefined)?.status !== 'unverified') return fail('PRES-10', 'a token that fails verification was not answered lobby unverified', { actual: told?.value, link: mallory });
        return pass();
      },
    },
  ],
});
