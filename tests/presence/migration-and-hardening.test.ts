// Migration details, the transport assumptions and the security hardening of chapter 8.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../../reference/encoding/text.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { VirtualClock } from '../../reference/presence/clock.ts';
import { joinRoom } from '../../reference/presence/engine.ts';
import { createLocalBus } from '../../reference/presence/local-bus.ts';
import { RoomMachine } from '../../reference/presence/room.ts';
import { privateJwkFromSecret, publicJwkFromSecret } from '../../reference/token/keys.ts';

const T = 1_767_225_600_000;

test('[PRES-58] claim and request ids count from 1 on one counter per room machine', () => {
  const key = sha256(utf8('presence test host'));
  const r = new RoomMachine({ room: 'standup', token: 't', hostKey: publicJwkFromSecret(key) as never }, T);
  assert.equal(r.initialOutputs(), [{ type: 'claim', id: 1 }]);
  r.step(T + 10, { type: 'claimed', id: 1, result: 'taken' });
  r.step(T + 20, { type: 'unavailable' });
  const again = r.step(T + 1520, { type: 'tick' });
  assert.equal(again, [{ type: 'claim', id: 2 }]);
  r.step(T + 1530, { type: 'claimed', id: 2, result: 'won' });
  r.step(T + 1540, { type: 'connect', conn: 'c1' });
  const token = signHostCommand({ privateJwk: privateJwkFromSecret(key), room: 'standup', fp: 'fp:x', op: 'lock', now: Math.floor(T / 1000), jti: '0'.repeat(24) });
  assert.ok(token.ok);
  const outs = r.step(T + 1550, { type: 'message', conn: 'c1', msg: { t: 'mod', token: token.ok ? token.value.token : '' } });
  assert.equal(outs, [{ type: 'request', id: 3, kind: 'fingerprint', conn: 'c1' }]);
});

test('[PRES-54] the bus keeps per-link order without reordering faults and sends frames as JSON', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ mode: 'async', clock, seed: 3, faults: { latency: [0, 200] } });
  const claim = bus.claim('standup');
  await clock.advance(300); // the broker answers within the latency range
  const auth = await claim;
  assert.ok(typeof auth === 'object');
  if (typeof auth !== 'object') return;
  const got: unknown[] = [];
  auth.transport.onMessage((_c, m) => got.push(m));
  const c = bus.connect('standup');
  c.dial();
  await clock.advance(300);
  for (let i = 0; i < 20; i++) c.send({ t: 'ping', i, gone: undefined as never });
  await clock.advance(1000);
  assert.equal(got, Array.from({ length: 20 }, (_, i) => ({ t: 'ping', i })));
});

test('[PRES-61] without an identity the engine draws a 128-bit token, and tokens never reach rosters', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ clock });
  const seen: unknown[] = [];
  const a = joinRoom('standup', { transport: bus, clock, random: (n) => new Uint8Array(n).fill(0xab) });
  const b = joinRoom('standup', { transport: bus, clock });
  a.setSelf(true, false, 'A', '', 'media-a');
  b.setSelf(true, false, 'B', '', 'media-b');
  b.onRoster((m) => seen.push(m));
  await clock.advance(4000);
  assert.equal(b.roster().length, 2);
  assert.not.match(JSON.stringify(seen), /abab/);
  a.close();
  b.close();
});

test('[PRES-62] with the lobby on, a connection that never announces receives no roster', async () => {
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ clock });
  const host = joinRoom('standup', { transport: bus, clock, identity: 'h', lobbyOnStart: true });
  host.setSelf(true, false, 'H', '', 'media-h');
  await clock.advance(100);
  const lurker = joinRoom('standup', { transport: bus, clock, identity: 'l' });
  let rosters = 0;
  lurker.onRoster(() => rosters++);
  await clock.advance(10000);
  assert.equal(rosters, 0);
  assert.equal(lurker.status(), 'connected');
  host.close();
  lurker.close();
});

test('[PRES-60] [PRES-49] after a migration the host re-claims and re-kicks, and the new coordinator enforces it', async () => {
  const secret = sha256(utf8('presence test host'));
  const clock = new VirtualClock(T);
  const bus = createLocalBus({ clock });
  const opts = { transport: bus, clock, hostKey: publicJwkFromSecret(secret) as never };
  const first = joinRoom('standup', { ...opts, identity: 'c' });
  const host = joinRoom('standup', { ...opts, identity: 'h' });
  const other = joinRoom('standup', { ...opts, identity: 'o' });
  const pest = joinRoom('standup', { ...opts, identity: 'p' });
  [first, host, other, pest].forEach((r, i) => r.setSelf(true, false, `N${i}`, '', `media-${i}`));
  await clock.advance(4000);
  // Fingerprints on the bus are fp:e<n>, endpoints numbered in connect() order: host is e1.
  const sign = (op: string, target?: string) => {
    const r = signHostCommand({ privateJwk: privateJwkFromSecret(secret), room: 'standup', fp: 'fp:e1', op, target, now: Math.floor(clock.now() / 1000) });
    return r.ok ? r.value.token : '';
  };
  host.sendModCommand(sign('claim'));
  host.sendModCommand(sign('kick', 'media-3'));
  await clock.advance(4000);
  assert.not.ok(first.roster().some((m) => m.id === 'media-3'), 'kicked by the first coordinator');
  bus.crash('standup');
  first.close();
  await clock.advance(20000);
  const next = [host, other, pest].find((r) => r.isCoordinator());
  assert.ok(next);
  assert.equal(host.hostId(), '', 'the host slot is lost in the migration');
  assert.ok(next!.roster().some((m) => m.id === 'media-3'), 'and so is the ban: the pest is back');
  host.sendModCommand(sign('claim'));
  host.sendModCommand(sign('kick', 'media-3'));
  await clock.advance(4000);
  assert.equal(host.hostId(), 'media-1');
  assert.not.ok(next!.roster().some((m) => m.id === 'media-3'));
  [host, other, pest].forEach((r) => r.close());
});

test.run();
