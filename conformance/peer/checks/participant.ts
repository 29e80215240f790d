// The implementation as a participant: an observer claims the room's authority id first, so the
// implementation finds it taken and dials it (SIG-20, SIG-22). The observer then plays a scripted
// coordinator and judges every byte the implementation sends and every state it reports.
import { randomBytes } from 'node:crypto';
import type { RawResult } from '../../checks/types.ts';
import type { Link } from '../observer/link.ts';
import type { Observer } from '../observer/observer.ts';
import { sleep } from '../observer/wait.ts';
import { boundIdToken } from '../judge/idtoken.ts';
import { judgeSignedCommand, testKeys } from '../judge/hostcmd.ts';
import { violates } from '../judge/schemas.ts';
import { scenario, SetupFailed, type PeerEnv, type RoomNames } from '../scenario.ts';
import { fail, mark, memberIds, nextFrame, ofKind, pass, CHUNKING_REQ, stateUntil, surviving, tOf, wireFault } from './common.ts';
import { keepAlive } from './keepalive.ts';
import { judgeSafety } from './safety.ts';

interface Ctx {
  room: RoomNames;
  obs: Observer;
  link: Link;
  peer: string;
  fingerprint: string;
  voiceId: string;
  self: { id: string; name: string; cam: boolean; avatar: string };
}

const NAME = 'Implementation';
/** 9000 two-byte characters: 18 000 bytes of UTF-8, 9 011 characters of JSON (under MSG-23's 16 384). */
const BIG = 'ü'.repeat(9000);

const roster = (members: unknown[], flags: Record<string, unknown> = { lobby: false, host: '', locked: false }) => ({ t: 'roster', members, ...flags });
const member = (id: string, name = id) => ({ id, name, cam: false, avatar: '' });

export const participantScenario = scenario<Ctx>({
  id: 'peer.participant',
  description: 'the implementation joins a room an observer coordinates',
  async setup(env) {
    const room = env.room('participant');
    const obs = await env.observer(room.authority);
    const voiceId = `impl-${randomBytes(4).toString('hex')}`;
    const { peer, fingerprint } = await env.iut.join({ broker: env.brokerUrl, room: room.name, voiceId, name: NAME });
    const link = await obs.openLink(env.timeouts.connectMs);
    if (!link) throw new SetupFailed(`the implementation found ${room.authority} taken but opened no data connection to it within ${env.timeouts.connectMs} ms`, 'fail', 'SIG-22');
    keepAlive(link);
    // The coordinator's first roster, at once (PRES-20), without the newcomer.
    link.send(roster([]));
    await nextFrame(link, env.timeouts.reactMs, ofKind('voice'));
    return { room, obs, link, peer, fingerprint, voiceId, self: member(voiceId, NAME) };
  },
  steps: [
    {
      id: 'peer.participant.dial',
      covers: ['WIRE-01', 'WIRE-04', 'SIG-22', 'MSG-18', 'MSG-17', 'MSG-16', 'ADP-33'],
      description: 'the presence connection is a reliable BinaryPack data connection, unlabelled, from a presence peer of its own',
      async run(c, env) {
        const o = c.link.offer ?? {};
        const shape = violates('signaling', 'DataOfferPayload', o);
        if (shape) return fail('MSG-16', `the OFFER payload breaks signaling#/$defs/DataOfferPayload: ${shape}`, { actual: { ...o, sdp: '…' } });
        if (o.serialization !== 'binary') return fail('WIRE-01', 'the presence connection is not opened with serialization "binary" (BinaryPack)', { expected: 'binary', actual: o.serialization });
        if (o.reliable !== true) return fail('WIRE-01', 'the presence connection is not opened with reliable: true', { actual: o.reliable });
        if (o.label === 'bulk') return fail('MSG-17', 'the presence connection is labelled "bulk"');
        if (c.link.remote === c.voiceId) return fail('SIG-22', 'the implementation dialled the coordinator from its media id instead of a presence peer with a broker-assigned id', { actual: c.link.remote });
        const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => st.presenceId !== null);
        if (s.state.presenceId !== c.link.remote) return fail('ADP-33', 'peer.state reports another presenceId than the broker id the connection came from (SIG-10)', { expected: c.link.remote, actual: s.state.presenceId });
        return pass();
      },
    },
    {
      id: 'peer.participant.frames',
      covers: ['MSG-01', 'WIRE-08', 'WIRE-09', 'WIRE-06', 'PRES-35', 'MSG-19'],
      description: 'what the participant sends decodes as BinaryPack and matches chapter 7, knock first, then voice with its media id',
      async run(c) {
        const fault = wireFault(c.link, 'participant');
        if (fault) return fault;
        const sent = c.link.received();
        const first = sent.find((f) => tOf(f) !== 'ping');
        if (!first || tOf(first) !== 'knock') return fail('PRES-35', 'the first frame on the opened connection is not a knock', { actual: first?.value, link: c.link });
        const voice = sent.find((f) => tOf(f) === 'voice')?.value as Record<string, unknown> | undefined;
        if (!voice) return fail('PRES-35', 'the participant announced no voice after its knock', { link: c.link });
        if (voice.on !== true || voice.voiceId !== c.voiceId) return fail('MSG-19', 'the voice frame is not on: true with the media id', { expected: { on: true, voiceId: c.voiceId }, actual: voice });
        const knock = first.value as Record<string, unknown>;
        if (knock.token !== voice.token) return fail('PRES-35', 'knock and voice carry different identity tokens', { actual: { knock: knock.token, voice: voice.token } });
        return pass();
      },
    },
    {
      id: 'peer.participant.safety',
      covers: ['SAS-01', 'SAS-03', 'SAS-05', 'SAS-07', 'SAS-09', 'SAS-10', 'BIND-04', 'ADP-32'],
      description: 'the safety code shown for the presence connection is derived from the two certificates of its live handshake',
      async run(c, env) {
        const implFp = c.link.remoteFingerprint();
        const observerFp = c.link.localFingerprint();
        if (!implFp || !observerFp) return { status: 'errored', message: 'the observer could not read the certificates of its own connection' };
        if (implFp !== c.fingerprint) return fail('BIND-04', 'the certificate presented on the presence connection is not the one peer.join reported', { expected: c.fingerprint, actual: implFp });
        const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => st.safety.some((x) => x.remote === c.room.authority));
        return judgeSafety(s.state.safety.find((x) => x.remote === c.room.authority), { implFp, observerFp }, 'participant side') ?? pass();
      },
    },
    {
      id: 'peer.participant.ping',
      covers: ['PRES-36'],
      description: 'the participant pings the coordinator every 2500 ms while the connection is open',
      async run(c) {
        const pings = await (async () => {
          for (let i = 0; i < 100; i++) {
            const p = c.link.received().filter((f) => tOf(f) === 'ping');
            if (p.length >= 2) return p;
            await sleep(100);
          }
          return c.link.received().filter((f) => tOf(f) === 'ping');
        })();
        if (pings.length < 2) return fail('PRES-36', 'fewer than two pings within 10 s of an open connection', { actual: pings.length });
        const gap = pings[1]!.at - pings[0]!.at;
        // Real time on a shared machine: a beat may run late, never early (exact timing is the presence vectors' job).
        if (gap < 1500 || gap > 6000) return fail('PRES-36', `pings ${gap} ms apart, not every 2500 ms`, { expected: 2500, actual: gap });
        return pass();
      },
    },
    {
      id: 'peer.participant.roster',
      covers: ['PRES-39', 'MSG-25', 'MSG-06', 'ADP-33'],
      description: 'the participant holds the roster it received, reading null flags as absent ones',
      async run(c, env) {
        const r1 = [c.self, member('mate-2', 'Second')];
        c.link.send({ t: 'roster', members: r1, lobby: null, host: null, locked: null });
        const want1 = { members: r1, lobby: false, locked: false, host: '' };
        const s1 = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (s) => JSON.stringify(s.roster) === JSON.stringify(want1));
        if (!s1.ok) return fail('PRES-39', 'the reported roster is not the roster received (null flags read as false / "")', { expected: want1, actual: s1.state.roster, link: c.link });
        const r2 = [member('mate-3', 'Third'), c.self];
        c.link.send(roster(r2, { lobby: false, host: 'mate-3', locked: true }));
        const want2 = { members: r2, lobby: false, locked: true, host: 'mate-3' };
        const s2 = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (s) => JSON.stringify(s.roster) === JSON.stringify(want2));
        if (!s2.ok) return fail('PRES-39', 'the reported roster does not follow the next roster received', { expected: want2, actual: s2.state.roster, link: c.link });
        return pass();
      },
    },
    {
      id: 'peer.participant.reannounce',
      covers: ['PRES-40'],
      description: 'a roster without the participant makes it announce again at once',
      async run(c) {
        const m = mark(c.link);
        const sentAt = c.link.now();
        c.link.send(roster([member('mate-3', 'Third')]));
        const v = await nextFrame(c.link, 1500, ofKind('voice'), m);
        if (!v) return fail('PRES-40', 'no voice within 1500 ms of a roster that lacks the participant', { link: c.link });
        if (v.at - sentAt > 1000) return fail('PRES-40', `the voice came ${v.at - sentAt} ms later: a periodic re-announce, not an answer to the roster`, { link: c.link });
        c.link.send(roster([c.self]));
        return pass();
      },
    },
    {
      id: 'peer.participant.lobby',
      covers: ['PRES-42'],
      description: 'lobby statuses reach the application; admitted after waiting makes the participant announce again',
      async run(c, env) {
        c.link.send({ t: 'lobby', status: 'waiting' });
        const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => st.lobby.includes('waiting'));
        if (!s.ok) return fail('PRES-42', 'a lobby "waiting" was not reported', { actual: s.state.lobby, link: c.link });
        const m = mark(c.link);
        c.link.send({ t: 'lobby', status: 'admitted' });
        const v = await nextFrame(c.link, 1500, ofKind('voice'), m);
        if (!v) return fail('PRES-42', 'no voice after "admitted" followed "waiting"', { link: c.link });
        const s2 = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => st.lobby.at(-1) === 'admitted');
        if (!s2.ok) return fail('PRES-42', 'a lobby "admitted" was not reported', { actual: s2.state.lobby });
        return pass();
      },
    },
    {
      id: 'peer.participant.large-frame',
      covers: [CHUNKING_REQ, 'PRES-39', 'PRES-40'],
      description: 'frames over 16300 bytes cross in PeerJS chunks both ways',
      async run(c, env) {
        const big = { ...member('big-1', 'Big'), meta: { blob: BIG } };
        c.link.send(roster([c.self, big]));
        const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => (st.roster?.members.find((x) => x.id === 'big-1')?.meta as { blob?: string } | undefined)?.blob === BIG);
        if (!s.ok) return fail(CHUNKING_REQ, 'a roster of 18 000 bytes sent in PeerJS chunks did not reach the application intact', { actual: memberIds(s.state), link: c.link });
        const m = mark(c.link);
        await env.iut.call('peer.announce', { peer: c.peer, on: true, meta: { blob: BIG } });
        const v = await nextFrame(c.link, env.timeouts.reactMs, (f) => tOf(f) === 'voice' && ((f.value as { meta?: { blob?: string } }).meta?.blob === BIG), m);
        const fault = wireFault(c.link, 'participant');
        if (fault) return fault;
        if (!v) return fail('PRES-40', 'the announcement with an 18 000-byte meta never arrived', { link: c.link });
        if (v.chunks < 2) return fail(CHUNKING_REQ, `an ${v.size}-byte frame arrived whole, not in PeerJS chunks`, { link: c.link });
        await env.iut.call('peer.announce', { peer: c.peer, on: true, meta: null });
        return pass();
      },
    },
    {
      id: 'peer.participant.hostcmd',
      covers: ['HCMD-07', 'HCMD-02', 'HCMD-03', 'HCMD-05', 'HCMD-06', 'TOK-02', 'TOK-03', 'ADP-37'],
      description: 'a host command the participant signs is bound to its certificate, its room and its clock, and travels as mod',
      async run(c, env) {
        const m = mark(c.link);
        const out = await env.iut.call('peer.hostcmd', { peer: c.peer, op: 'kick', target: 'mate-3', privateJwk: testKeys().host.privateJwk as never });
        const f = await nextFrame(c.link, env.timeouts.reactMs, ofKind('mod'), m);
        if (!f) return fail('ADP-37', 'peer.hostcmd sent no mod frame', { link: c.link });
        const token = (f.value as { token?: unknown }).token;
        if (typeof token !== 'string' || token !== out.token) return fail('ADP-37', 'the mod frame does not carry the token peer.hostcmd reported', { expected: out.token, actual: token });
        return judgeSignedCommand(token, { hostPublic: testKeys().host.publicJwk, room: c.room.id, fp: c.link.remoteFingerprint() ?? '', op: 'kick', target: 'mate-3' }) ?? pass();
      },
    },
    {
      id: 'peer.participant.identity',
      covers: ['PRES-35', 'BIND-04', 'ADP-38'],
      description: 'an ID token bound to the peer\'s certificate is presented in its knock and voice',
      async run(c, env) {
        const jwt = boundIdToken('impl@example.test', c.fingerprint, c.room.id);
        const m = mark(c.link);
        await env.iut.call('peer.identity', { peer: c.peer, jwt });
        const k = await nextFrame(c.link, env.timeouts.reactMs, (f) => (tOf(f) === 'knock' || tOf(f) === 'voice') && (f.value as { jwt?: unknown }).jwt === jwt, m);
        if (!k) return fail('PRES-35', 'neither a knock nor a voice carried the ID token given with peer.identity', { link: c.link });
        return pass();
      },
    },
    {
      id: 'peer.participant.knock',
      covers: ['ADP-35', 'PRES-35'],
      description: 'peer.knock sends a knock with that name and avatar',
      async run(c, env) {
        const m = mark(c.link);
        await env.iut.call('peer.knock', { peer: c.peer, name: 'Knocking Kim', avatar: '🦊' });
        const k = await nextFrame(c.link, env.timeouts.reactMs, ofKind('knock'), m);
        if (!k) return fail('ADP-35', 'peer.knock sent no knock', { link: c.link });
        const v = k.value as { name?: unknown; avatar?: unknown };
        if (v.name !== 'Knocking Kim' || v.avatar !== '🦊') return fail('ADP-35', 'the knock does not carry the name and avatar given', { expected: { name: 'Knocking Kim', avatar: '🦊' }, actual: v });
        return pass();
      },
    },
    {
      id: 'peer.participant.robust',
      covers: ['MSG-07', 'MSG-02', 'MSG-27'],
      description: 'undecodable bytes, unknown kinds and malformed frames change nothing and break nothing',
      async run(c, env) {
        return surviving(async () => {
          c.link.sendRaw(new Uint8Array([0xc1]));
          c.link.sendRaw(new TextEncoder().encode('{"t":"roster","members":[]}'));
          c.link.sendRaw(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]));
          c.link.send({ t: 'gossip', members: [member('ghost')] });
          c.link.send({ t: 'lobby', status: 'expelled' });
          c.link.send({ t: 'roster', members: 'nobody' });
          const r = [c.self, member('mate-9', 'Ninth')];
          c.link.send(roster(r));
          const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => JSON.stringify(memberIds(st)) === JSON.stringify([c.voiceId, 'mate-9']));
          if (c.link.closed || s.state.status !== 'connected') return fail('MSG-07', 'the participant dropped its connection after undecodable or malformed frames', { actual: s.state.status, link: c.link });
          if (!s.ok) return fail('MSG-07', 'after undecodable and malformed frames the participant no longer follows valid rosters', { expected: [c.voiceId, 'mate-9'], actual: memberIds(s.state), link: c.link });
          if (s.state.lobby.some((x) => !['waiting', 'admitted', 'denied', 'locked', 'unverified'].includes(x))) return fail('MSG-27', 'an unknown lobby status was reported', { actual: s.state.lobby });
          return pass();
        });
      },
    },
    {
      id: 'peer.participant.kick',
      covers: ['PRES-43'],
      description: 'a kick reaches the application',
      async run(c, env) {
        c.link.send({ t: 'kick' });
        const s = await stateUntil(env.iut, c.peer, env.timeouts.reactMs, (st) => st.kicked >= 1);
        return s.ok ? pass() : fail('PRES-43', 'a kick frame was not reported', { actual: s.state.kicked, link: c.link });
      },
    },
    {
      id: 'peer.participant.leave',
      covers: ['PRES-44', 'ADP-39'],
      description: 'leaving sends leave on the presence connection, then closes it',
      async run(c, env) {
        const m = mark(c.link);
        await env.iut.leave(c.peer);
        const f = await nextFrame(c.link, env.timeouts.reactMs, ofKind('leave'), m);
        if (!f) return fail('PRES-44', 'no leave frame when the application left the room', { link: c.link });
        for (let i = 0; i < 50 && !c.link.closed; i++) await sleep(100);
        if (!c.link.closed) return fail('PRES-44', 'the presence connection stayed open after leave', { link: c.link });
        return pass();
      },
    },
  ],
});
