// Agents and grants over real WebRTC on loopback (spec/13-agents.md, spec/08-presence.md 8.10):
// two humans and an AI agent, three Node reference peers, presence through the stock PeerJS broker
// and the data mesh of chapter 14 between their media peers. The agent enters a room that is open
// to people by its own allow-listed key (an assertion bound to its DTLS certificate, verified by
// the coordinator off the live handshake); the manifest grants it only read-roster. The
// coordinator binds that grant to the agent's certificate, distributes it in `caps`, and every
// honest peer enforces it: no chat reaches the agent, and what it sends is dropped. The host then
// grants read-chat and the agent receives chat.
//
// Media: the Node reference transport carries no media tracks (node-datachannel's media is not
// wired; chapter 14, Interoperability). Lane withholding is shown where it exists: each human's
// media gate (reference/agents/media-gate.ts) decides, from the live roster and grants, what it
// would put on each lane of its connection to the agent: placeholders for the microphone and both
// screen lanes, the camera real. No media frame flows at all, to anyone.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startStockPeerServer, type RunningBroker } from '../broker/stock-server.ts';
import { signAssertion } from '../../reference/agents/assertion.ts';
import { bindAgentCaps, capsFrame, receiveCaps, shouldDistribute } from '../../reference/agents/distribution.ts';
import { sanitizeGrant, type Grant } from '../../reference/agents/grant.ts';
import { MediaGate } from '../../reference/agents/media-gate.ts';
import { grantOf, grantPolicy, type GrantView, type RosterEntry } from '../../reference/agents/policy.ts';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { signHostCommand } from '../../reference/hostcmd/sign.ts';
import { joinRoom, type Room } from '../../reference/presence/engine.ts';
import { normalizeRoom } from '../../reference/room/normalize.ts';
import { signBody, serializePayload } from '../../reference/token/compact.ts';
import { DataPlane, type Member } from '../../reference/transport/peerjs/data-plane.ts';
import { MeshPeer } from '../../reference/transport/peerjs/mesh-peer.ts';
import { brokerFromUrl, peerOptions } from '../../reference/transport/peerjs/options.ts';
import type { PeerJsRoomTransport } from '../../reference/transport/peerjs/room-transport.ts';
import { ecKey } from '../../vectors/gen/lib.ts';
import { closeFullPeers, fixtureCertificate, loopbackTransport, type Who } from './support/peers.ts';
import { sleep, until } from './support/time.ts';

const ROOM = 'e2e-agents';
const ROOM_ID = normalizeRoom(ROOM);
const FEATURES = ['chat.v1', 'app.v1', 'caps.v1', 'xfer.v1'];
const creator = ecKey('e2e agents creator');
const hostKey = ecKey('e2e agents host');
const agentKey = ecKey('e2e agents agent');
const nowS = () => Math.floor(Date.now() / 1000);
/** The agent's manifest entry grants it the roster and nothing else: less than the agent default. */
const MANIFEST_CAPS = { perceive: ['read-roster'], act: [] };

function manifest(): string {
  const payload = { members: [], mode: 'google', room: ROOM_ID, exp: nowS() + 3600, agentKeys: [{ key: agentKey.pub, caps: MANIFEST_CAPS, label: 'notes-bot' }] };
  return signBody(creator.secret, serializePayload(payload as unknown as JsonObject));
}

type Role = 'alice' | 'bob' | 'ada';
const CERT: Record<Role, Who> = { alice: 'alice', bob: 'bob', ada: 'carol' };

interface Peer {
  role: Role;
  transport: PeerJsRoomTransport;
  room: Room;
  mesh: MeshPeer;
  plane: DataPlane;
  roster: RosterEntry[];
  /** The override map this peer enforces [CAPS-01]. */
  overrides: Map<string, Grant>;
  content: JsonObject[];
  raw: { from: string; data: unknown }[];
  gate: MediaGate;
  /** Coordinator only: manifest caps recorded at the door, by canonical fingerprint [CAPS-05]. */
  records: Map<string, Grant>;
  agents: JsonObject[];
}

interface Ctx {
  broker: RunningBroker;
  peers: Map<Role, Peer>;
  gm: string;
  started: number;
}

const test = suite<Ctx>('agents and grants between three reference peers', { peers: new Map() } as unknown as Ctx);
const peer = (ctx: Ctx, r: Role) => ctx.peers.get(r)!;
const all = (ctx: Ctx): [Peer, Peer, Peer] => [peer(ctx, 'alice'), peer(ctx, 'bob'), peer(ctx, 'ada')];

const viewOf = (p: Peer): GrantView => ({ self: p.mesh.id, roster: p.roster, overrides: p.overrides, now: nowS() });

/** The coordinator sends its map after a change, and on roster changes while it holds overrides [CAPS-02]. */
function distribute(p: Peer, trigger: 'change' | 'roster'): void {
  if (!shouldDistribute(p.room.isCoordinator(), trigger, p.overrides)) return;
  p.plane.send(capsFrame(p.overrides));
}

/** [CAPS-05] The coordinator binds recorded manifest caps to the member presenting that certificate. */
function bind(p: Peer): void {
  if (!p.room.isCoordinator() || p.records.size === 0) return;
  const fps = new Map(p.roster.map((m) => [m.id, p.mesh.remoteFingerprint(m.id)]));
  const set = bindAgentCaps(viewOf(p), p.records, fps);
  for (const { id, grant } of set) p.overrides.set(id, sanitizeGrant(grant));
  if (set.length) {
    distribute(p, 'change');
    p.gate.step({ type: 'overrides', grants: p.overrides });
  }
}

async function join(ctx: Ctx, role: Role): Promise<Peer> {
  const certificate = fixtureCertificate(CERT[role]);
  const transport = loopbackTransport(ctx.broker.url, certificate);
  const mesh = await MeshPeer.start(peerOptions({ broker: brokerFromUrl(ctx.broker.url), certificate, bindAddress: '127.0.0.1' }));
  // Every peer could come to coordinate, so every peer carries the same door: open to people,
  // agents by the manifest's allow-list [PRES-100], [PRES-104].
  const room = joinRoom(ROOM, {
    transport,
    hostKey: hostKey.pub as unknown as JsonValue,
    gate: { g: 'google', require: false, gk: creator.pub as unknown as JsonValue, gm: ctx.gm, verify: () => 'fail' },
  });
  const p = {
    role, transport, room, mesh, roster: [], overrides: new Map(), content: [], raw: [], records: new Map(), agents: [],
    gate: new MediaGate(mesh.id, [], nowS()),
  } as unknown as Peer;
  p.plane = new DataPlane(mesh, { policy: grantPolicy(() => viewOf(p)) });
  mesh.events({ raw: (from, _channel, data) => p.raw.push({ from, data }) });
  p.plane.onContent((v) => {
    if (v.k === 'caps') {
      // [CAPS-03] Only from the verified host, in a room with a host key, at a peer that is not the coordinator.
      const next = receiveCaps({ host: room.hostId(), cryptographicHost: true, coordinator: room.isCoordinator() }, String(v.sender), { k: 'caps', grants: v.grants as JsonValue });
      if (next) {
        p.overrides = next;
        p.gate.step({ type: 'overrides', grants: next }); // re-gate media to the new grants [CAPS-14]
      }
      return;
    }
    p.content.push(v);
  });
  room.onAgent((a) => {
    p.agents.push(a);
    if (a.caps) p.records.set(String(a.fp), sanitizeGrant(a.caps));
  });
  room.onRoster((members) => {
    p.roster = members.map((m) => ({ id: m.id, ...(m.meta !== undefined ? { meta: m.meta } : {}) }));
    p.plane.setRoster(members.map((m): Member => {
      const kbz = (m.meta as JsonObject | undefined)?.['~kbz'] as JsonObject | undefined;
      return { id: m.id, name: m.name, features: Array.isArray(kbz?.f) ? (kbz.f as string[]) : [] };
    }));
    p.gate.step({ type: 'roster', roster: p.roster });
    for (const m of members) if (m.id !== mesh.id) p.gate.step({ type: 'connect', peer: m.id }); // a media connection per member (idempotent)
    bind(p);
    distribute(p, 'roster');
  });
  const meta: JsonObject = { '~kbz': { v: '0.2.0', b: 'e2e', p: 1, f: FEATURES } };
  if (role === 'ada') {
    meta.role = 'agent'; // a declared agent [GRANT-03]
    const a = signAssertion({ privateJwk: agentKey.priv, room: ROOM_ID, fp: transport.localFingerprint, iat: nowS() });
    if (!a.ok) throw new Error(a.error.message);
    room.setAgentAssertion(a.value); // [PRES-110]
  }
  room.setSelf(true, false, role[0]!.toUpperCase() + role.slice(1), '', mesh.id, meta);
  return p;
}

const carries = (data: unknown, needle: string): boolean => {
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('latin1').includes(needle);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').includes(needle);
  try {
    return JSON.stringify(data).includes(needle);
  } catch {
    return false;
  }
};
const chatAt = (p: Peer, text: string) => p.content.find((v) => v.k === 'chat' && v.text === text);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

test.before(async (ctx) => {
  ctx.started = Date.now();
  ctx.gm = manifest();
  ctx.broker = await startStockPeerServer({ expire_timeout: 1000, cleanup_out_msgs: 200 });
});

test.after(async (ctx) => {
  await closeFullPeers(ctx.peers.values(), ctx.broker);
  console.log(`  (agents e2e: ${((Date.now() - ctx.started) / 1000).toFixed(1)} s)`);
});

test('[PRES-104] [PRES-113] [AGT-06] [AGT-05] the agent enters by its key, verified against its live certificate; the humans walk in', async (ctx) => {
  ctx.peers.set('alice', await join(ctx, 'alice'));
  await until(20_000, 'alice coordinates', () => peer(ctx, 'alice').room.isCoordinator());
  ctx.peers.set('bob', await join(ctx, 'bob'));
  ctx.peers.set('ada', await join(ctx, 'ada'));
  const alice = peer(ctx, 'alice');
  const ada = peer(ctx, 'ada');
  await until(20_000, 'three in every roster', () => [...ctx.peers.values()].every((p) => p.room.roster().length === 3));
  const ps = [...ctx.peers.values()];
  await until(30_000, 'every pair has an open bulk connection', () => ps.every((a) => ps.every((b) => a === b || a.mesh.isOpen(b.mesh.id, 'bulk'))));
  const report = alice.agents[0]!;
  assert.ok(report, 'the coordinator reported an agent admitted by key');
  assert.is(report.fp, ada.transport.localFingerprint.trim().toLowerCase(), 'bound to the certificate the agent presented');
  assert.equal(report.caps, MANIFEST_CAPS);
  assert.is(report.label, 'notes-bot');
  const adaMember = alice.room.roster().find((m) => m.id === ada.mesh.id)!;
  assert.is((adaMember.meta as JsonObject).role, 'agent');
});

test('[CAPS-05] [CAPS-02] [CAPS-03] the host claims, the coordinator binds the manifest caps to the agent\'s certificate and every peer applies them', async (ctx) => {
  const [alice, bob, ada] = all(ctx);
  // Alice is the coordinator and proves the host key (a self-issued claim) [PRES-31].
  const claim = signHostCommand({ privateJwk: hostKey.priv, room: ROOM_ID, fp: alice.transport.localFingerprint, op: 'claim', now: nowS() });
  if (!claim.ok) throw new Error(claim.error.message);
  alice.room.sendModCommand(claim.value.token);
  await until(20_000, 'every peer sees alice as host', () => [alice, bob, ada].every((p) => p.room.hostId() === alice.mesh.id));
  // The binding runs on every roster change; the mesh connection may still be settling, so retry until bound.
  await until(20_000, 'alice bound the grant to the agent\'s certificate', () => {
    bind(alice);
    return alice.overrides.get(ada.mesh.id);
  });
  await until(20_000, 'bob applied the caps frame', () => {
    distribute(alice, 'change'); // caps is not acknowledged: the coordinator re-sends it on every change anyway
    return bob.overrides.get(ada.mesh.id);
  }, 500);
  assert.equal(bob.overrides.get(ada.mesh.id), MANIFEST_CAPS);
  assert.equal(grantOf(viewOf(bob), ada.mesh.id).perceive, ['read-roster']);
});

test('[CAPS-13] [CAPS-14] no media lane of the agent carries the humans\' microphone or screen (placeholders); the camera lane is real', async (ctx) => {
  const [alice, bob, ada] = all(ctx);
  for (const h of [alice, bob]) {
    await until(20_000, `${h.role}'s gate knows the agent's connection`, () => h.gate.lane(ada.mesh.id, 'audio'));
    assert.is(h.gate.lane(ada.mesh.id, 'audio'), 'placeholder', `${h.role} would send the agent its microphone`);
    assert.is(h.gate.lane(ada.mesh.id, 'share'), 'placeholder', `${h.role} would send the agent its screen`);
    assert.is(h.gate.lane(ada.mesh.id, 'shareAudio'), 'placeholder');
    assert.is(h.gate.lane(ada.mesh.id, 'camera'), 'track');
  }
  assert.is(alice.gate.lane(bob.mesh.id, 'audio'), 'track', 'humans hear each other');
  assert.is(alice.gate.lane(bob.mesh.id, 'share'), 'track');
});

test('[CAPS-09] [CAPS-10] [CAPS-12] chat the agent was not granted never reaches it; [CAPS-15] what it sends is dropped', async (ctx) => {
  const [alice, bob, ada] = all(ctx);
  const before = ada.raw.length;
  const fromAlice = alice.plane.send({ k: 'chat', text: 'withheld-from-ada-1', mid: `${alice.mesh.id}#1`, ts: Date.now() });
  const fromBob = bob.plane.send({ k: 'chat', text: 'withheld-from-ada-2', mid: `${bob.mesh.id}#1`, ts: Date.now() });
  assert.equal(fromAlice, [bob.mesh.id]);
  assert.equal(fromBob, [alice.mesh.id]);
  const toAdaDirect = bob.plane.send({ k: 'app', data: { secret: 'withheld-from-ada-3' } });
  assert.not.ok(toAdaDirect.includes(ada.mesh.id));
  await until(10_000, 'the humans have each other\'s lines', () => chatAt(bob, 'withheld-from-ada-1') && chatAt(alice, 'withheld-from-ada-2'));
  // The agent speaks without send-chat: every honest peer drops it.
  ada.plane.send({ k: 'chat', text: 'agent-says-hello', mid: `${ada.mesh.id}#1`, ts: Date.now() });
  await sleep(1500);
  for (const secret of ['withheld-from-ada-1', 'withheld-from-ada-2', 'withheld-from-ada-3']) {
    assert.not.ok(ada.raw.slice(before).some((m) => carries(m.data, secret)), `the agent's transport saw ${secret}`);
  }
  assert.not.ok(ada.content.some((v) => v.k === 'chat' || v.k === 'app'), 'no chat or app content at the agent');
  assert.ok(bob.raw.some((m) => m.from === ada.mesh.id && carries(m.data, 'agent-says-hello')), 'the agent\'s line did reach bob\'s transport');
  assert.not.ok(chatAt(bob, 'agent-says-hello') || chatAt(alice, 'agent-says-hello'), 'and was dropped there');
});

test('[CAPS-01] [CAPS-02] [CAPS-03] the host grants read-chat: the new map reaches every peer and the agent then receives chat', async (ctx) => {
  const [alice, bob, ada] = all(ctx);
  alice.overrides.set(ada.mesh.id, sanitizeGrant({ perceive: ['read-roster', 'read-chat'], act: [] }));
  distribute(alice, 'change');
  alice.gate.step({ type: 'overrides', grants: alice.overrides });
  await until(20_000, 'bob applied the new grant', () => bob.overrides.get(ada.mesh.id)?.perceive.includes('read-chat'));
  const fromAlice = alice.plane.send({ k: 'chat', text: 'now-ada-reads-1', mid: `${alice.mesh.id}#2`, ts: Date.now() });
  const fromBob = bob.plane.send({ k: 'chat', text: 'now-ada-reads-2', mid: `${bob.mesh.id}#2`, ts: Date.now() });
  assert.ok(sameSet(fromAlice, [bob.mesh.id, ada.mesh.id]), JSON.stringify(fromAlice));
  assert.ok(sameSet(fromBob, [alice.mesh.id, ada.mesh.id]), JSON.stringify(fromBob));
  await until(10_000, 'the agent has both lines', () => chatAt(ada, 'now-ada-reads-1') && chatAt(ada, 'now-ada-reads-2'));
  assert.is(chatAt(ada, 'now-ada-reads-2')!.sender, bob.mesh.id);
  // Reading chat is not hearing or seeing: the lanes stay withheld.
  assert.is(bob.gate.lane(ada.mesh.id, 'audio'), 'placeholder');
  assert.is(bob.gate.lane(ada.mesh.id, 'share'), 'placeholder');
  // Still no send-chat: the agent's lines are still dropped.
  ada.plane.send({ k: 'chat', text: 'agent-says-hello-again', mid: `${ada.mesh.id}#2`, ts: Date.now() });
  await sleep(1000);
  assert.not.ok(chatAt(bob, 'agent-says-hello-again'));
});

test.run();
